# Django fixture settings (Debian 12: django 3.2, django-cors-headers 3.14): the CORS settings are the snippet at the marker.
SECRET_KEY = "cors-lens-fixture-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
USE_TZ = True

# __FIX__
