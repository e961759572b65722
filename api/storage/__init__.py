"""Storage backends behind one ``DocumentStore`` interface."""
from storage.base import BlobExists, DocumentStore, Registry, StorageError


def open_store(config, registry: Registry) -> DocumentStore:
    """The backend the configuration asks for: PostgreSQL if DATABASE_URL, else TinyDB."""
    url = config.get("DATABASE_URL")
    if url:
        from storage.postgres_store import PostgresStore
        return PostgresStore(url, registry, pool_size=config["DATABASE_POOL_SIZE"])
    if config.get("SERVERLESS"):
        raise StorageError("DATABASE_URL is required on Vercel: its file system is temporary, "
                           "so a TinyDB file there would lose every write. Set DATABASE_URL "
                           "to a PostgreSQL database in the project's environment variables.")
    from storage.tinydb_store import TinyDBStore
    return TinyDBStore(config["DB_PATH"], registry, compact_bytes=config["TINYDB_COMPACT_BYTES"])


__all__ = ["BlobExists", "DocumentStore", "Registry", "StorageError", "open_store"]
