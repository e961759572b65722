"""Pydantic request schemas: they validate bodies and generate the OpenAPI spec."""
