"""Create .env from .env.example with a fresh random JWT secret (never a default one)."""
import os
import secrets

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target = os.path.join(ROOT, ".env")
if not os.path.exists(target):
    with open(os.path.join(ROOT, ".env.example")) as handle:
        lines = handle.read().splitlines()
    lines = [f"JWT_SECRET_KEY={secrets.token_urlsafe(48)}" if line.startswith("JWT_SECRET_KEY=") else line
             for line in lines]
    with open(target, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(target, 0o600)
    print("Created .env with a new random JWT_SECRET_KEY")
