"""The handlers' portal: staff login, dashboard, case pages, and the admin's pages."""
