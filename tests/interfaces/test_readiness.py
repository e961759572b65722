"""``/api/health/ready`` probes each dependency: 200 ``ok`` (or ``degraded``),
503 in the app's error shape when the storage does not answer. Rate-limit
storage down is covered in tests/security/test_rate_limits.py (real Redis)."""
import pytest

from storage import StorageError


def test_ready_with_rate_limits_disabled(client):
    response = client.get("/api/health/ready")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["checks"] == {"storage": "ok", "rate_limit": "disabled"}


def test_ready_is_503_when_the_storage_fails(client, store, monkeypatch):
    def broken(*args, **kwargs):
        raise StorageError("database unreachable")

    monkeypatch.setattr(store, "count", broken)
    response = client.get("/api/health/ready")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["checks"]["storage"] == "unavailable"
    assert response.json["code"] == "storage_unavailable" and response.json["error"]
    assert client.get("/api/health").status_code == 200   # liveness: the process is up


class TestInMemoryLimits:
    @pytest.fixture
    def config_overrides(self):
        return {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"}

    def test_ready_reports_the_memory_storage(self, client):
        response = client.get("/api/health/ready")
        assert response.status_code == 200
        assert response.json == {"status": "ok", "checks": {"storage": "ok", "rate_limit": "memory: ok"},
                                 "version": response.json["version"]}
