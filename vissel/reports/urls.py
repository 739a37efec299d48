from django.urls import path

from vissel.reports import about, inbox, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("language/", views.switch_language, name="switch_language"),
    path("report/", views.report_form, name="report_form"),
    path("report/review/", views.review, name="report_review"),
    path("report/recording/", views.report_recording, name="report_recording"),
    path("report/send/", views.send, name="report_send"),
    path("report/saved/", views.receipt_saved, name="report_receipt_saved"),
    path("login/", views.login, name="reporter_login"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/reply/", inbox.inbox_reply, name="inbox_reply"),
    path("inbox/meeting/", inbox.inbox_meeting, name="inbox_meeting"),
    path("inbox/minutes/", inbox.inbox_minutes, name="inbox_minutes"),
    path("inbox/files/<uuid:file_id>/", inbox.inbox_file, name="inbox_file"),
    path("logout/", views.logout, name="reporter_logout"),
    path("safety/", about.safety_advice, name="safety_advice"),
    path("accessibility/", about.accessibility_statement, name="accessibility_statement"),
    path("privacy/", about.privacy_notice, name="privacy_notice"),
]
