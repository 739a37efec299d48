from django.urls import include, path

from vissel.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("staff/", include("vissel.staff.urls")),
    path("<slug:slug>/", include("vissel.reports.urls")),
]

handler400 = "vissel.web.views.bad_request"
handler403 = "vissel.web.views.permission_denied"
handler404 = "vissel.web.views.page_not_found"
handler500 = "vissel.web.views.server_error"
