// How AI settings and usage read: prices per million tokens, costs, token counts, capabilities.

/** A price as `[prompt, completion]` per million tokens, whichever way the API wrote it (pair, object or number). */
export function priceOf(price) {
  if (price === null || price === undefined) return null;
  if (Array.isArray(price)) return [Number(price[0]), Number(price[1] ?? price[0])];
  if (typeof price === 'number') return [price, price];
  if (typeof price === 'object') {
    const prompt = price.prompt ?? price.input ?? price.prompt_per_million;
    const completion = price.completion ?? price.output ?? price.completion_per_million ?? prompt;
    return prompt === undefined ? null : [Number(prompt), Number(completion)];
  }
  return null;
}

/** A cost in `currency`: small amounts keep their cents' fractions ("USD 0.0042"), larger ones two decimals. */
export function formatCost(cost, currency = 'USD') {
  const n = Number(cost) || 0;
  const digits = n > 0 && n < 0.01 ? 4 : 2;
  return `${currency} ${n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** "12,345 tokens", "1 token". */
export function formatTokens(n) {
  const v = Number(n) || 0;
  return `${v.toLocaleString('en')} ${v === 1 ? 'token' : 'tokens'}`;
}

const CAPABILITY_LABELS = { streaming: 'Streaming', stream: 'Streaming', json_mode: 'JSON mode', json: 'JSON mode', tools: 'Tool calls', tool_calls: 'Tool calls' };

/** `{streaming: true, json_mode: false, tools: null}` -> [{key, label, state: 'yes'|'no'|'unknown'}]. */
export function capabilityList(capabilities) {
  if (!capabilities || typeof capabilities !== 'object') return [];
  return Object.entries(capabilities)
    .filter(([key]) => key !== 'checked_at')
    .filter(([, v]) => v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string')
    .map(([key, v]) => ({
      key,
      label: CAPABILITY_LABELS[key] || key.replace(/_/g, ' '),
      state: v === true || v === 'yes' || v === 'supported' ? 'yes' : v === false || v === 'no' || v === 'unsupported' ? 'no' : 'unknown',
    }));
}

export const CAPABILITY_STATES = { yes: 'supported', no: 'not supported (a fallback is used)', unknown: 'not tested yet' };

/** The canon budget: a number, or `{default, per_model}` -> "up to 2,000 tokens (gpt-4o: 8,000)". */
export function budgetText(budget) {
  if (typeof budget === 'number') return `up to ${budget.toLocaleString('en')} tokens`;
  if (!budget || typeof budget !== 'object' || typeof budget.default !== 'number') return '';
  const per = Object.entries(budget.per_model || {}).map(([m, n]) => `${m}: ${Number(n).toLocaleString('en')}`);
  return `up to ${budget.default.toLocaleString('en')} tokens${per.length ? ` (${per.join(', ')})` : ''}`;
}
