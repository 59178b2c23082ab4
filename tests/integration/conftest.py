from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from interfaces.api.app import create_app


@pytest.fixture
def client(system: Chengxin) -> Iterator[TestClient]:
    with TestClient(create_app(system), raise_server_exceptions=False) as test_client:
        yield test_client
