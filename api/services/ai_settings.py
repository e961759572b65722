"""The operator's AI settings as the app uses them: which models a world may
choose, the model a job runs with, prices, context budgets, and the
connection test.

The one rule for a job's model is ``AISettings.model_for(world)``: the world's
``ai_model`` when set and still allowed, else ``OPENAI_MODEL``; ``offline``
when no AI provider is configured. The API key is never part of any answer;
the server is named by its base URL's host only.
"""
from __future__ import annotations

from ai import capabilities
from core.errors import InvalidInput
from core.models import World

OFFLINE_MODEL = "offline"


class AISettings:
    def __init__(self, config, provider):
        self.provider = provider
        self.default_model = config["OPENAI_MODEL"]
        self.allowed = list(dict.fromkeys([self.default_model, *config.get("AI_ALLOWED_MODELS", [])]))
        self.prices = dict(config.get("AI_PRICES") or {})
        self.currency = config.get("AI_PRICE_CURRENCY", "USD")
        self.context_tokens = config.get("AI_CONTEXT_TOKENS", 2000)
        self.context_budgets = dict(config.get("AI_CONTEXT_BUDGETS") or {})
        self.base_url = config.get("OPENAI_BASE_URL")
        self.api_key_set = bool(config.get("OPENAI_API_KEY"))

    @property
    def offline(self) -> bool:
        return self.provider.name == "offline"

    # -- models --------------------------------------------------------------------

    def model_for(self, world: World | dict | None) -> str:
        """The model a job on ``world`` (None: on no world) runs with."""
        if self.offline:
            return OFFLINE_MODEL
        chosen = (world.get("ai_model") if isinstance(world, dict) else getattr(world, "ai_model", "")) or ""
        return chosen if chosen in self.allowed else self.default_model

    def check_model(self, model: str, field: str = "ai_model") -> str:
        """``model`` if a world may choose it (``""``: the site's default); else 400 on ``field``."""
        if model and model not in self.allowed:
            raise InvalidInput(f"'{model}' is not a model this site allows",
                               {field: "must be \"\" (the site's default) or one of: " + ", ".join(self.allowed)},
                               code="model_not_allowed")
        return model

    def price(self, model: str) -> dict | None:
        """``{prompt, completion}`` per million tokens, or None when the model is not priced."""
        if model not in self.prices:
            return None
        prompt, completion = self.prices[model]
        return {"prompt": prompt, "completion": completion}

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        """What the tokens cost in ``currency`` (0 for the offline provider or an unpriced model)."""
        price = self.price(model)
        if price is None or model == OFFLINE_MODEL:
            return 0.0
        return round((prompt_tokens * price["prompt"] + completion_tokens * price["completion"]) / 1_000_000, 8)

    def context_budget(self, model: str) -> int:
        """Canon tokens sent with a job on ``model``."""
        return self.context_budgets.get(model, self.context_tokens)

    def models(self) -> dict:
        """What a world may choose (``GET /ai/models``)."""
        return {"default": self.default_model, "provider": self.provider.name, "currency": self.currency,
                "models": [{"id": m, "default": m == self.default_model, "price": self.price(m)}
                           for m in self.allowed]}

    # -- the admin's view ------------------------------------------------------------

    def describe(self) -> dict:
        """The settings as the admin page shows them (no key, the server's host only)."""
        return {
            "provider": self.provider.name,
            "base_url_host": capabilities.host_of(self.base_url) if not self.offline else "",
            "api_key_set": self.api_key_set,
            "model": self.default_model,
            "allowed_models": self.allowed,
            "context_budget": {"default": self.context_tokens, "per_model": self.context_budgets},
            "prices": {m: self.price(m) for m in self.prices},
            "currency": self.currency,
            "capabilities": self._client_capabilities(self.default_model),
        }

    def _client_capabilities(self, model: str) -> dict:
        client = getattr(self.provider, "client", None)
        if client is None:   # offline: no server, every answer is made here
            return {**dict.fromkeys(capabilities.FLAGS, False), "checked_at": None}
        return client.capabilities.get(client.base_url, model)

    def test(self, model: str | None = None) -> dict:
        """A real tiny call to the provider: ``{ok, provider, latency_ms, model, capabilities, error?}``."""
        model = self.check_model(model or "", "model") or self.default_model
        client = getattr(self.provider, "client", None)
        if client is None:
            return {"ok": True, "provider": self.provider.name, "latency_ms": 0, "model": OFFLINE_MODEL,
                    "capabilities": self._client_capabilities(model),
                    "message": "No AI server is configured: the offline provider answers every job here."}
        return {"provider": self.provider.name, **capabilities.probe(client, model)}
