# Django fixture routes: one JSON view.
from django.http import JsonResponse
from django.urls import path

urlpatterns = [path("api/reports/", lambda request: JsonResponse({"reports": []}))]
