"""Consistency checks of a story against its world's canon (issue 14, part 3):
offline rules (``rules``), the model's findings validated (``llm``), stored
findings (``findings``) and the job (``service``)."""
