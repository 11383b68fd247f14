"""The spike's scenario: each simulated applicant creates one application through the API and
submits it, once, then stops (run by tests/proof/test_spike.py; see the README).

Accounts are made beforehand (one per simulated user, token in SPIKE_ACCOUNTS, a JSON list of
{"token", "id_number"}): sign-up goes through allauth's e-mail confirmation, which a load test
cannot follow, and the load that matters is the submission. SPIKE_INTAKE is the open intake;
SPIKE_STATUSES names a file that receives the count of every HTTP status answered.
"""

import itertools
import json
import os
from collections import Counter

import gevent
from gevent.event import Event
from locust import HttpUser, constant, events, task
from locust.exception import StopUser

ACCOUNTS = json.loads(os.environ.get("SPIKE_ACCOUNTS", "[]"))
INTAKE = int(os.environ.get("SPIKE_INTAKE", "0"))
NEXT_ACCOUNT = itertools.count()
STATUSES: Counter = Counter()
FINISHED: list[int] = []
ALL_SPAWNED = Event()  # everybody waits for the last one: 300 at once, a spike, not a trickle


@events.spawning_complete.add_listener
def release_everybody(**_kwargs):
    ALL_SPAWNED.set()


@events.request.add_listener
def count_status(response=None, **_kwargs):
    STATUSES[str(getattr(response, "status_code", 0))] += 1


@events.quitting.add_listener
def write_statuses(environment, **_kwargs):
    with open(os.environ["SPIKE_STATUSES"], "w") as out:
        json.dump(STATUSES, out)


class Applicant(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        n = next(NEXT_ACCOUNT)
        self.account = ACCOUNTS[n]
        self.n = n
        self.client.headers["Authorization"] = f"Token {self.account['token']}"

    @task
    def register_and_submit(self):
        ALL_SPAWNED.wait(timeout=60)
        form = {"intake": INTAKE, "full_name": f"压测学员{self.n}",
                "id_number": self.account["id_number"], "phone": f"138{self.n:08d}",
                "education": "高中"}  # fmt: skip
        created = self.client.post("/api/v1/enrollment/applications/", json=form, name="create")
        if created.status_code == 201:
            pk = created.json()["id"]
            self.client.post(f"/api/v1/enrollment/applications/{pk}/submit/", name="submit")
        FINISHED.append(self.n)
        if len(FINISHED) == len(ACCOUNTS):
            gevent.spawn_later(0.5, self.environment.runner.quit)
        raise StopUser()
