"""The API's pydantic schemas, one module per feature (pydantic lives only in interfaces/):
request bodies, which build the application's commands, and response models, which
/openapi.json publishes. `common` holds what they share."""

from interfaces.api.schemas.common import Body, Code, Page, ShortText, Text, json_of

__all__ = ["Body", "Code", "Page", "ShortText", "Text", "json_of"]
