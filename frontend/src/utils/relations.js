// Typed relations as one entry's page reads them: "parent of Mira", "child of Ayla", "sibling of Borin".

export const ATTITUDES = [
  { value: -3, label: 'hostile' },
  { value: -2, label: 'unfriendly' },
  { value: -1, label: 'cool' },
  { value: 0, label: 'neutral' },
  { value: 1, label: 'warm' },
  { value: 2, label: 'friendly' },
  { value: 3, label: 'devoted' },
];

export const signed = (n) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** "+2 friendly" */
export function attitudeLabel(value) {
  const n = Number(value) || 0;
  const found = ATTITUDES.find((a) => a.value === n);
  return `${signed(n)} ${found ? found.label : ''}`.trim();
}

/** The world's relation types by key (an unknown key reads as itself). */
export function typeIndex(types) {
  return Object.fromEntries((types || []).map((t) => [t.key, t]));
}

/**
 * A relation seen from `entryId`: {outgoing, otherId, otherKind, label}. A directed relation reads
 * with the type's label from its source and with the inverse label from its target.
 */
export function relationFrom(relation, entryId, types) {
  const t = types[relation.type] || { label: relation.type, inverse_label: relation.type };
  const outgoing = relation.source_id === entryId;
  const mutual = relation.mutual || t.mutual;
  return {
    outgoing,
    otherId: outgoing ? relation.target_id : relation.source_id,
    otherKind: outgoing ? relation.target_kind : relation.source_kind,
    otherName: outgoing ? relation.target_name : relation.source_name,
    label: outgoing || mutual ? t.label : t.inverse_label || t.label,
  };
}

/**
 * The choices of the relation form, each a type and a direction from the entry's side:
 * "parent of …" (out) and "child of …" (in); a mutual type once.
 */
export function relationChoices(types) {
  return (types || []).flatMap((t) =>
    t.mutual || !t.inverse_label || t.inverse_label === t.label
      ? [{ value: `${t.key}:out`, label: t.label, key: t.key, outgoing: true }]
      : [
          { value: `${t.key}:out`, label: t.label, key: t.key, outgoing: true },
          { value: `${t.key}:in`, label: t.inverse_label, key: t.key, outgoing: false },
        ],
  );
}
