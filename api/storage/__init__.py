"""Storage backends behind one ``DocumentStore`` interface."""
from storage.base import INDEXED_FIELDS, DocumentStore, StorageError


def open_store(config) -> DocumentStore:
    """The backend the configuration asks for: PostgreSQL if DATABASE_URL, else TinyDB."""
    url = config.get("DATABASE_URL")
    if url:
        from storage.postgres_store import PostgresStore
        return PostgresStore(url)
    from storage.tinydb_store import TinyDBStore
    return TinyDBStore(config["DB_PATH"])


__all__ = ["DocumentStore", "INDEXED_FIELDS", "StorageError", "open_store"]
