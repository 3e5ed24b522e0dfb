"""The account routes beyond the matrix: what a supervisor may grant, area codes,
usernames, passwords, the last administrator, deactivation."""

from __future__ import annotations

from tests.server.world import PASSWORD, World, login_body

USERS = "/api/v1/users"


def error(response) -> tuple[int, str, str | None]:
    body = response.json()["error"]
    return response.status_code, body["code"], body["field"]


def new_user(**changes):
    return {"username": "somchai", "name": "สมชาย ใจดี", "role": "field_worker",
            "areas": ["800101"], "password": "a long password", **changes}


def test_a_supervisor_grants_only_supervised_roles_inside_their_areas(client, world: World):
    sup = world["sup_in"].headers
    assert error(client.post(USERS, headers=sup, json=new_user(role="supervisor"))) == (
        403, "scope.role", "role")
    assert error(client.post(USERS, headers=sup, json=new_user(role="admin"))) == (
        403, "scope.role", "role")
    outside = new_user(areas=["800101", "800201"])
    assert error(client.post(USERS, headers=sup, json=outside)) == (
        403, "scope.out_of_area", "areas")
    assert error(client.post(USERS, headers=sup, json=new_user(areas=["80"]))) == (
        403, "scope.out_of_area", "areas")
    assert client.post(USERS, headers=sup, json=new_user(role="coordinator",
                                                         areas=["8001"])).status_code == 201


def test_a_supervisor_cannot_move_or_promote_their_users_out_of_reach(client, world: World):
    sup, target = world["sup_in"].headers, world["fw_in"]
    path = f"{USERS}/{target.id}"
    assert error(client.patch(path, headers=sup, json={"areas": ["800201"]})) == (
        403, "scope.out_of_area", "areas")
    assert error(client.patch(path, headers=sup, json={"role": "supervisor"})) == (
        403, "scope.role", "role")
    assert error(client.patch(path, headers=sup, json={"areas": []})) == (
        422, "user.areas_required", "areas")
    moved = client.patch(path, headers=sup, json={"areas": ["800119", "800101"],
                                                  "role": "coordinator"})
    assert (moved.json()["areas"], moved.json()["role"]) == (["800101", "800119"],
                                                             "coordinator")


def test_a_user_straddling_two_districts_belongs_to_neither_supervisor(client, world):
    for sup in ("sup_in", "sup_out"):
        listed = client.get(USERS, headers=world[sup].headers).json()
        assert world["fw_mixed"].username not in {u["username"] for u in listed}
        mixed = client.get(f"{USERS}/{world['fw_mixed'].id}", headers=world[sup].headers)
        assert mixed.status_code == 404


def test_area_codes_must_exist(client, world: World):
    admin = world["admin"].headers
    for code in ("800104", "999999", "9999", "99"):  # 800104: not a tambon of geothai
        assert error(client.post(USERS, headers=admin, json=new_user(areas=[code]))) == (
            422, "area.unknown", "areas")
    for code in ("8001011", "8", "80a1", "๘๐๐๑๐๑"):
        assert error(client.post(USERS, headers=admin, json=new_user(areas=[code]))) == (
            422, "request.invalid_value", "areas.0")
    made = client.post(USERS, headers=admin, json=new_user(areas=["84", "800101", "84"]))
    assert made.json()["areas"] == ["800101", "84"]


def test_usernames_passwords_and_duplicates(client, world: World):
    admin = world["admin"].headers
    for bad in ("ab", "has space", "ไทย", "-lead", "a/b"):
        assert error(client.post(USERS, headers=admin, json=new_user(username=bad))) == (
            422, "user.bad_username", "username")
    assert error(client.post(USERS, headers=admin, json=new_user(username="a" * 65))) == (
        422, "request.too_long", "username")
    short = client.post(USERS, headers=admin, json=new_user(password="short"))
    assert error(short) == (422, "user.password_length", "password")
    assert client.post(USERS, headers=admin, json=new_user(username="Somchai")).status_code == 201
    assert error(client.post(USERS, headers=admin, json=new_user())) == (
        409, "user.exists", "username")


def test_non_admin_roles_need_areas(client, world: World):
    admin = world["admin"].headers
    assert error(client.post(USERS, headers=admin, json=new_user(areas=[]))) == (
        422, "user.areas_required", "areas")
    made = client.post(USERS, headers=admin, json=new_user(role="admin", areas=[]))
    assert made.status_code == 201


def test_the_last_active_admin_stays(client, world: World):
    admin = world["admin"]
    path = f"{USERS}/{admin.id}"
    assert error(client.patch(path, headers=admin.headers, json={"active": False})) == (
        409, "user.last_admin", "active")
    assert error(client.patch(path, headers=admin.headers, json={"role": "supervisor",
                                                                 "areas": ["8001"]})) == (
        409, "user.last_admin", "role")
    second = client.post(USERS, headers=admin.headers,
                         json=new_user(username="admin-two", role="admin", areas=[]))
    assert client.patch(path, headers=admin.headers, json={"active": False}).status_code == 200
    assert client.get("/api/v1/me", headers=admin.headers).status_code == 401
    assert second.status_code == 201


def test_deactivated_users_cannot_log_in_until_reactivated(client, world: World):
    admin, target = world["admin"].headers, world["co_out"]
    path = f"{USERS}/{target.id}"
    assert client.patch(path, headers=admin, json={"active": False}).json()["active"] is False
    login = client.post("/api/v1/auth/login", json=login_body(target.username, PASSWORD))
    assert error(login)[1] == "auth.user_inactive"
    assert client.patch(path, headers=admin, json={"active": True}).status_code == 200
    assert client.get("/api/v1/me", headers=target.headers).status_code == 200


def test_names_are_thai_normalised(client, world: World):
    admin = world["admin"].headers
    typed = "น\u0e4d\u0e32ผึ้ง"  # sara am typed as nikhahit + sara aa
    made = client.post(USERS, headers=admin, json=new_user(name=typed)).json()
    assert made["name"] == "น\u0e33ผึ้ง"
