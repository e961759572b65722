"""WSGI entry point (Vercel, gunicorn, waitress): ``app``.

Start-up allocates many long-lived objects (modules, routes, schemas). The
cyclic GC is paused while they are made, since collecting them is wasted work
on every cold start, and ``gc.freeze`` then keeps them out of later collections
(forked gunicorn workers also keep sharing their memory pages).
"""
import gc
import os
import sys

gc.disable()
try:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

    from interfaces.app_factory import create_app

    app = create_app()
finally:
    gc.freeze()
    gc.enable()
