from django.urls import path

from vissel.staff import views

urlpatterns = [
    path("", views.dashboard, name="staff_dashboard"),
    path("login/", views.login, name="staff_login"),
    path("logout/", views.logout, name="staff_logout"),
    path("password/", views.password, name="staff_password"),
    path("language/", views.switch_language, name="staff_language"),
    path("invitation/<str:token>/", views.invitation, name="staff_invitation"),
    path("offers/<uuid:offer_id>/", views.offer, name="staff_offer"),
]

from vissel.staff import case_views, retention_views, secrecy_views  # noqa: E402

CASE = "<slug:slug>/cases/<uuid:case_id>/"
urlpatterns += [
    path(CASE, case_views.case_detail, name="staff_case"),
    path(CASE + "screen/", case_views.screen, name="staff_case_screen"),
    path(CASE + "concerned/", case_views.concern, name="staff_case_concern"),
    path(
        CASE + "concerned/<uuid:row_id>/withdraw/",
        case_views.withdraw_concerned,
        name="staff_case_withdraw_concerned",
    ),
    path(CASE + "messages/", case_views.message, name="staff_case_message"),
    path(CASE + "notes/", case_views.note, name="staff_case_note"),
    path(CASE + "meeting/", case_views.meeting_held, name="staff_case_meeting"),
    path(CASE + "minutes/", case_views.write_minutes, name="staff_case_minutes"),
    path(CASE + "conclude/", case_views.conclude, name="staff_case_conclude"),
    path(CASE + "close/", case_views.close, name="staff_case_close"),
    path(CASE + "reopen/", case_views.reopen, name="staff_case_reopen"),
    path(CASE + "assign/", case_views.assign, name="staff_case_assign"),
    path(CASE + "export/", case_views.export, name="staff_case_export"),
    path(CASE + "coverage/", case_views.coverage, name="staff_case_coverage"),
    path(CASE + "access/", case_views.grant, name="staff_case_grant"),
    path(CASE + "files/<uuid:file_id>/", case_views.case_file, name="staff_case_file"),
    path(CASE + "hold/", retention_views.legal_hold, name="staff_case_hold"),
    path(CASE + "secrecy/", secrecy_views.review, name="staff_case_secrecy"),
    path(CASE + "secrecy/mark/", secrecy_views.mark, name="staff_case_secrecy_mark"),
    path(
        CASE + "secrecy/marks/<uuid:mark_id>/remove/",
        secrecy_views.unmark,
        name="staff_case_secrecy_unmark",
    ),
    path(CASE + "secrecy/release/", secrecy_views.release, name="staff_case_release"),
    path(CASE + "archived/", retention_views.archived, name="staff_case_archived"),
    path("<slug:slug>/reports/<uuid:case_id>/", case_views.final_report, name="staff_final_report"),
]

from vissel.staff import records_views  # noqa: E402

urlpatterns += [
    path("<slug:slug>/register/", records_views.register, name="staff_register"),
    path("<slug:slug>/summaries/", records_views.summaries_page, name="staff_summaries"),
    path("<slug:slug>/statistics/", records_views.statistics, name="staff_statistics"),
]

from vissel.staff import admin_views  # noqa: E402

ADMIN = "<slug:slug>/admin/"
urlpatterns += [
    path(ADMIN, admin_views.settings_page, name="staff_admin"),
    path(ADMIN + "categories/", admin_views.categories, name="staff_admin_categories"),
    path(
        ADMIN + "categories/<int:category_id>/", admin_views.category, name="staff_admin_category"
    ),
    path(
        ADMIN + "categories/<int:category_id>/move/",
        admin_views.category_move,
        name="staff_admin_category_move",
    ),
    path(ADMIN + "people/", admin_views.people, name="staff_admin_people"),
    path(
        ADMIN + "people/<int:person_id>/roles/",
        admin_views.person_roles,
        name="staff_admin_person_roles",
    ),
    path(
        ADMIN + "people/<int:person_id>/reset/",
        admin_views.person_reset,
        name="staff_admin_person_reset",
    ),
    path(
        ADMIN + "people/<int:person_id>/active/",
        admin_views.person_active,
        name="staff_admin_person_active",
    ),
    path(
        ADMIN + "approvals/<uuid:approval_id>/",
        admin_views.approval,
        name="staff_admin_approval",
    ),
    path(ADMIN + "officials/", admin_views.officials, name="staff_admin_officials"),
    path(
        ADMIN + "officials/<int:official_id>/remove/",
        admin_views.official_remove,
        name="staff_admin_official_remove",
    ),
]
