import { describe, expect, it } from 'vitest';
import { fieldInputs, fieldsToSave, fromInput, sortTemplates, toInput, unlistedFields } from './fieldValues.js';

const templates = [
  { key: 'born', label: 'Born', field_type: 'date', order: 1 },
  { key: 'age', label: 'Age', field_type: 'number', order: 0 },
  { key: 'titles', label: 'Titles', field_type: 'list', order: 2 },
  { key: 'liege', label: 'Liege', field_type: 'entry', order: 3 },
  { key: 'motto', label: 'Motto', field_type: 'text', order: 4 },
];

describe('custom field values', () => {
  it('turns stored values into inputs and back by type', () => {
    expect(toInput({ year: 1203, month: 4 })).toEqual({ year: '1203', month: '4', day: '' });
    expect(toInput(['Lady of the Lake', 'Bà Chúa Kho'])).toBe('Lady of the Lake\nBà Chúa Kho');
    expect(toInput(42.5)).toBe('42.5');
    expect(fromInput({ year: '1203', month: '4', day: '9' }, 'date')).toEqual({ year: 1203, month: 4, day: 9 });
    expect(fromInput({ year: '-40', month: '', day: '' }, 'date')).toEqual({ year: -40 });
    expect(fromInput(' 3,5 ', 'number')).toBe(3.5);
    expect(fromInput('a\n\n b \n', 'list')).toEqual(['a', 'b']);
    expect(fromInput('  Nguyễn Trãi ', 'text')).toBe('Nguyễn Trãi');
    expect(fromInput('', 'number')).toBeUndefined();
  });

  it('names what is wrong with an input', () => {
    expect(() => fromInput('many', 'number')).toThrow('must be a number');
    expect(() => fromInput({ year: '1.5' }, 'date')).toThrow('needs a whole year');
    expect(() => fromInput({ year: '12', month: '', day: '3' }, 'date')).toThrow('needs a month for its day');
  });

  it('saves only what changed, null for a cleared value, and never names unlisted values', () => {
    const original = { age: 30, motto: 'Steady', titles: ['Knight'], old_key: 'kept' };
    const inputs = { ...fieldInputs(original, templates), age: '31', motto: '', born: { year: '1203', month: '', day: '' } };
    const { fields, errors } = fieldsToSave(inputs, templates, original);
    expect(errors).toEqual({});
    expect(fields).toEqual({ age: 31, motto: null, born: { year: 1203 } });
  });

  it('reports each bad input under its key, with the label', () => {
    const { errors } = fieldsToSave({ age: 'old' }, templates, {});
    expect(errors).toEqual({ age: 'Age must be a number.' });
  });

  it('lists values without a template and orders templates', () => {
    expect(unlistedFields({ age: 3, old_key: 'x' }, templates)).toEqual([['old_key', 'x']]);
    expect(sortTemplates(templates).map((t) => t.key)).toEqual(['age', 'born', 'titles', 'liege', 'motto']);
  });
});
