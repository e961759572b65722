const USERNAME_RE = /^[A-Za-z0-9_.-]{3,50}$/;

/** The sign-up form's field errors, checked before the API is asked (the same rules it applies). */
export function validateRegistration({ username, email, password, confirm }) {
  const errors = {};
  if (!USERNAME_RE.test(username)) errors.username = '3–50 letters, digits, _ . or -';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Enter a valid email address';
  if (password.length < 8) errors.password = 'At least 8 characters';
  if (confirm !== password) errors.confirm = 'Passwords do not match';
  return errors;
}
