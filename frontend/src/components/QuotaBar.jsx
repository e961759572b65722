export default function QuotaBar({ label, quota }) {
  if (!quota) return null;
  const current = Number(quota.current) || 0;
  const limit = quota.limit === null || quota.limit === undefined || quota.limit < 0 ? null : Number(quota.limit);
  const pct = limit ? Math.min(100, Math.round((current / limit) * 100)) : 0;
  return (
    <div className="quota">
      <div className="quota-head">
        <span>{label}</span>
        <span className="muted">
          {current} / {limit === null ? '∞' : limit}
        </span>
      </div>
      <div className="progress" role="progressbar" aria-label={`${label} quota`} aria-valuemin={0} aria-valuemax={limit || 100} aria-valuenow={current}>
        <div className={`progress-bar ${pct >= 90 ? 'progress-warn' : ''}`} style={{ width: `${limit === null ? 0 : pct}%` }} />
      </div>
    </div>
  );
}
