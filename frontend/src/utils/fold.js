/** Text folded for matching only (as the API's search folds it): case, accents and tone marks off, đ -> d. "Hà Nội" -> "ha noi". */
export function fold(text) {
  return String(text || '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}
