import time
from django.test import Client
from django.urls import reverse
from tests.journey import write, send, log_in, file_through_the_form

def test_probe(cast, org_a):
    c = Client(raise_request_exception=False)
    t = time.perf_counter(); c.get(reverse("report_form", args=["org-a"])); print("get form", time.perf_counter()-t)
    t = time.perf_counter(); r = write(c, org_a, what_happened="x"); print("post form", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = write(c, org_a, files=[("a.bin", b"\x00\x01"*100)]); print("post form file", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = c.get(reverse("report_review", args=["org-a"])); print("review", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = send(c, org_a); print("send", r.status_code, time.perf_counter()-t)
    c2 = Client()
    t = time.perf_counter(); num, pw = file_through_the_form(c2, org_a); print("file", time.perf_counter()-t)
    c3 = Client()
    t = time.perf_counter(); r = log_in(c3, org_a, num, pw); print("login", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = log_in(Client(), org_a, "12345678", "nope"); print("bad login", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = c3.post(reverse("inbox_reply", args=["org-a"]), {"body": "hi"}); print("reply", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = c3.post(reverse("inbox_reply", args=["org-a"]), {"body": "x"*30000}); print("reply bad", r.status_code, time.perf_counter()-t)
    from tests.staff.helpers import log_in_staff, routed_case
    t = time.perf_counter(); filed = routed_case(cast); print("routed", time.perf_counter()-t)
    s = Client()
    t = time.perf_counter(); log_in_staff(s, cast.internal_a); print("staff login", time.perf_counter()-t)
    t = time.perf_counter(); r = s.post(reverse("staff_case_note", args=["org-a", filed.case.pk]), {"note-body": "n"}); print("note", r.status_code, time.perf_counter()-t)
    t = time.perf_counter(); r = s.post(reverse("staff_case_note", args=["org-a", filed.case.pk]), {"note-body": ""}); print("note bad", r.status_code, time.perf_counter()-t)
    from vissel.audit.trail import verify
    t = time.perf_counter(); verify(); print("verify", time.perf_counter()-t)
