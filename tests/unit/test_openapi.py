"""/openapi.json documents the success body of every /api operation: a response model (a
named schema, or a list of one), or the media type of a file download."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from interfaces.api.app import create_app

METHODS = {"get", "post", "put", "patch", "delete"}


def operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in spec["paths"].items()
        if path.startswith("/api/")
        for method, operation in item.items()
        if method in METHODS
    }


def is_model(schema: dict[str, Any]) -> bool:
    """A named model, or a list of named models (not `{}` nor a bare object)."""
    if "$ref" in schema:
        return True
    return schema.get("type") == "array" and "$ref" in schema.get("items", {})


def documents_success(operation: dict[str, Any]) -> bool:
    for status, response in operation.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        for media_type, content in response.get("content", {}).items():
            schema = content.get("schema", {})
            json = media_type == "application/json"
            if (json and is_model(schema)) or (not json and schema):
                return True
    return False


def undocumented(spec: dict[str, Any]) -> list[str]:
    return sorted(name for name, op in operations(spec).items() if not documents_success(op))


def test_every_api_operation_publishes_its_success_body() -> None:
    spec = TestClient(create_app()).get("/openapi.json").json()
    assert len(operations(spec)) >= 50
    assert undocumented(spec) == []


def test_file_downloads_declare_their_media_types() -> None:
    spec = TestClient(create_app()).get("/openapi.json").json()
    found = operations(spec)
    export = found["GET /api/v1/public/export"]["responses"]["200"]["content"]
    assert {"text/csv", "application/jsonl"} <= set(export)
    sheet = found["GET /api/v1/reports/progress.xlsx"]["responses"]["200"]["content"]
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in sheet


def test_an_operation_without_a_model_is_caught() -> None:
    bare = FastAPI()

    @bare.get("/api/v1/bare")
    def untyped() -> dict[str, Any]:
        return {}

    assert undocumented(bare.openapi()) == ["GET /api/v1/bare"]


def test_no_two_models_share_a_name() -> None:
    """A clash makes FastAPI publish module paths as names (`interfaces__api__...`)."""
    spec = TestClient(create_app()).get("/openapi.json").json()
    assert [name for name in spec["components"]["schemas"] if "__" in name] == []
