"""AI providers: OpenAI, any OpenAI-compatible server, or offline.

``make_provider(config)`` picks one: a base URL means an OpenAI-compatible
server (a key is optional), a key alone means OpenAI, neither means the
offline provider. Each provider has the same methods, all returning dicts
validated by ``ai.schemas``, and each takes ``model=`` (the job's model, see
``services.ai_settings.AISettings.model_for``; none: ``OPENAI_MODEL``);
``provider.name`` is what tasks and /api/health report. What a server can do
(JSON mode, tool calls, streaming) is found by ``ai.capabilities``.
"""
from __future__ import annotations


def provider_name(config) -> str:
    if config.get("OPENAI_BASE_URL"):
        return "openai-compatible"
    return "openai" if config.get("OPENAI_API_KEY") else "offline"


def make_provider(config):
    name = provider_name(config)
    if name == "offline":
        from ai.offline import OfflineProvider
        return OfflineProvider()
    from ai.gpt_client import GPTClient
    from ai.openai_provider import OpenAIProvider
    # The settings are typed and defaulted once, in config.py.
    client = GPTClient(api_key=config["OPENAI_API_KEY"], base_url=config["OPENAI_BASE_URL"],
                       model=config["OPENAI_MODEL"], timeout=config["OPENAI_TIMEOUT"],
                       max_retries=config["OPENAI_MAX_RETRIES"], backoff=config["OPENAI_RETRY_BACKOFF"])
    return OpenAIProvider(client, name)
