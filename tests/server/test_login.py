"""Login: devices and their keys, tokens, lockout after failed logins, revocation."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from sync.server.devices import token_hash
from sync.server.models import Device, LoginThrottle, User, utcnow
from sync.server.settings import LoginPolicy
from tests.server.world import PASSWORD, World, login_body, random_key

LOGIN = "/api/v1/auth/login"
POLICY = LoginPolicy()


def login(client, username, password=PASSWORD, **kwargs):
    return client.post(LOGIN, json=login_body(username, password, **kwargs))


def code_of(response) -> str:
    return response.json()["error"]["code"]


def test_login_registers_the_device_and_stores_only_a_hash_of_the_token(client, world,
                                                                         database):
    body = login_body(world["co_in"].username)
    answer = client.post(LOGIN, json=body).json()
    with database.reading() as session:
        device = session.get(Device, body["device_id"])
    assert device.user_id == world["co_in"].id
    assert (device.ed25519_key, device.x25519_key) == (body["public_keys"]["ed25519"],
                                                       body["public_keys"]["x25519"])
    assert device.token_hash == token_hash(answer["token"]) != answer["token"]
    assert len(answer["token"]) >= 40


def test_usernames_are_case_insensitive_and_trimmed(client, world):
    assert login(client, "  " + world["fw_in"].username.upper() + " ").status_code == 200


def test_a_device_keeps_its_keys(client, world):
    person = world["fw_in"]
    other_keys = {"ed25519": random_key(), "x25519": random_key()}
    answer = login(client, person.username, device_id=person.device_id, keys=other_keys)
    assert (answer.status_code, code_of(answer)) == (409, "device.key_mismatch")


def test_a_second_login_replaces_the_device_token(client, world):
    person = world["fw_in"]
    keys = {"ed25519": random_key(), "x25519": random_key()}
    device_id = login_body(person.username)["device_id"]
    one = login(client, person.username, device_id=device_id, keys=keys).json()["token"]
    two = login(client, person.username, device_id=device_id, keys=keys).json()["token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {two}"}).status_code == 200
    old = client.get("/api/v1/me", headers={"Authorization": f"Bearer {one}"})
    assert (old.status_code, code_of(old)) == (401, "auth.invalid_token")


def test_a_device_id_of_another_user_is_refused(client, world):
    taken = login(client, world["fw_out"].username, device_id=world["fw_in"].device_id)
    assert (taken.status_code, code_of(taken), taken.json()["error"]["field"]) == (
        409, "device.taken", "device_id")


def test_bad_public_keys_are_refused_naming_the_key(client, world):
    for bad in ("short", "A" * 42 + "B=", "!" * 44, random_key().rstrip("="), "QUJD"):
        keys = {"ed25519": bad, "x25519": random_key()}
        answer = login(client, world["fw_in"].username, keys=keys)
        assert (answer.status_code, code_of(answer)) == (422, "device.bad_key")
        assert answer.json()["error"]["field"] == "public_keys.ed25519"


def test_wrong_password_unknown_user_and_inactive_user(client, world, database):
    assert code_of(login(client, world["fw_in"].username, "wrong password")) == \
        "auth.bad_credentials"
    assert code_of(login(client, "nobody-at-all")) == "auth.bad_credentials"
    with database.writing() as session:
        session.get(User, world["fw_in"].id).active = False
    inactive = login(client, world["fw_in"].username)
    assert (inactive.status_code, code_of(inactive)) == (401, "auth.user_inactive")
    old_token = client.get("/api/v1/me", headers=world["fw_in"].headers)
    assert (old_token.status_code, code_of(old_token)) == (401, "auth.user_inactive")


def fail(client, username: str, times: int) -> None:
    for _ in range(times):
        assert login(client, username, "wrong password").status_code == 401


def test_five_failures_lock_the_username_for_a_while(client, world, database):
    username = world["co_in"].username
    fail(client, username, POLICY.max_failures)
    locked = login(client, username)  # even the right password
    assert (locked.status_code, code_of(locked)) == (429, "auth.locked")
    assert 0 < int(locked.headers["Retry-After"]) <= POLICY.lock_minutes * 60
    assert str(POLICY.lock_minutes) in locked.json()["error"]["message"]
    assert login(client, world["co_out"].username).status_code == 200  # others unaffected
    with database.writing() as session:  # the lock runs out
        throttle = session.get(LoginThrottle, username)
        throttle.locked_until = utcnow() - timedelta(seconds=1)
    assert login(client, username).status_code == 200
    with database.reading() as session:
        assert session.get(LoginThrottle, username) is None  # a success clears the count


def test_failures_spread_over_more_than_the_window_do_not_lock(client, world, database):
    username = world["co_in"].username
    fail(client, username, POLICY.max_failures - 1)
    with database.writing() as session:
        session.get(LoginThrottle, username).first_failure_at = utcnow() - timedelta(
            minutes=POLICY.window_minutes + 1)
    fail(client, username, POLICY.max_failures - 1)
    assert login(client, username).status_code == 200


def test_unknown_usernames_lock_too_so_answers_tell_nothing(client):
    fail(client, "no-such-user", POLICY.max_failures)
    assert code_of(login(client, "no-such-user")) == "auth.locked"


def test_revoking_a_device_stops_its_token_and_its_logins(client, world, database):
    admin, person = world["admin"], world["fw_in"]
    revoked = client.post(f"/api/v1/devices/{person.device_id}/revoke", headers=admin.headers)
    assert revoked.status_code == 200
    after = client.get("/api/v1/me", headers=person.headers)
    assert (after.status_code, code_of(after)) == (401, "auth.device_revoked")
    again = login(client, person.username, device_id=person.device_id)
    assert (again.status_code, code_of(again)) == (403, "auth.device_revoked")
    assert login(client, person.username).status_code == 200  # a new device id may log in
    with database.reading() as session:
        devices = session.exec(select(Device).where(Device.user_id == person.id)).all()
    assert sorted(d.revoked_at is None for d in devices) == [False, True]


def test_logout_forgets_the_token(client, world: World):
    person = world["co_out"]
    assert client.post("/api/v1/auth/logout", headers=person.headers).status_code == 204
    after = client.get("/api/v1/me", headers=person.headers)
    assert (after.status_code, code_of(after)) == (401, "auth.invalid_token")
    assert login(client, person.username, device_id=person.device_id).status_code == 409


def test_errors_speak_the_language_asked_for(client):
    cases = {None: "th", "en": "en", "en-US,en;q=0.9": "en", "th-TH,en;q=0.5": "th",
             "fr, en;q=0.8": "en", "en;q=0.2, th;q=0.9": "th", "de": "th", "en;q=x": "th"}
    for header, lang in cases.items():
        headers = {"Accept-Language": header} if header else {}
        text = client.get("/api/v1/me", headers=headers).json()["error"]["message"]
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in text) == (lang == "th"), header
