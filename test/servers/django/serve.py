# Serves the Django fixture with wsgiref, so no runserver autoreload or static handling gets in the way.
import os
import sys
from wsgiref.simple_server import make_server

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

make_server("127.0.0.1", int(os.environ["PORT"]), get_wsgi_application()).serve_forever()
