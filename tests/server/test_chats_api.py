"""Weekly chats through the real application, on a real SQLite file."""

from __future__ import annotations

from tests.server.conftest import Api

EDCHAT = {"slug": "edchat", "hashtag": "#edchat", "weekday": "tuesday", "starts": "19:00", "time_zone": "America/New_York", "moderator": "@edchatmod"}
LIVE = "2026-12-09T00:20:00Z"  # Tuesday 8 December 2026, 19:20 in New York


async def test_a_chat_its_questions_and_the_check_while_it_is_live(api: Api) -> None:
    status, chat = await api.call("POST", "/v1/chats", json=EDCHAT)
    assert status == 201 and chat["hashtag"] == "edchat" and chat["weekday"] == "tuesday"
    _, live = await api.call("GET", f"/v1/chats/live?at={LIVE}")
    assert live["live"][0]["question"] is None and live["live"][0]["starter"] is None
    # Q1 published in advance; Q2 pasted in as it appears; Q3 in advance for later.
    questions = "/v1/chats/edchat/questions"
    assert (await api.call("POST", questions, json={"text": "Q1: Introduce yourself", "on": "2026-12-08", "at": "2026-12-08T19:05"}))[0] == 201
    assert (await api.call("POST", questions, json={"text": "Q2 How do you keep up with research? #edchat", "at": "2026-12-08T19:15"}))[0] == 201
    assert (await api.call("POST", questions, json={"text": "Q3: What will you try?", "on": "2026-12-08", "at": "2026-12-08T19:40"}))[0] == 201
    _, live = await api.call("GET", f"/v1/chats/live?at={LIVE}")
    item = live["live"][0]
    assert item["question"]["number"] == 2 and item["starter"] == "A2  #edchat" and [q["number"] for q in item["questions"]] == [1, 2]
    status, checked = await api.call("POST", "/v1/check", json={"text": "A3 I skim arXiv", "at": LIVE})
    codes = {t["code"]: t for t in checked["tips"]}
    assert checked["chat"] == {"slug": "edchat", "hashtag": "edchat", "question": 2, "question_text": "How do you keep up with research? #edchat"}
    assert codes["CHT002"]["fix"]["result"] == "A2 I skim arXiv" and codes["CHT001"]["fix"]["result"] == "A3 I skim arXiv #edchat"
    _, later = await api.call("POST", "/v1/check", json={"text": "A3 I skim arXiv #edchat", "at": "2026-12-09T00:45:00Z"})
    assert "CHT002" not in {t["code"] for t in later["tips"]}  # Q3 is up by 19:45
    _, after = await api.call("POST", "/v1/check", json={"text": "A3 I skim arXiv", "at": "2026-12-09T02:00:00Z"})
    assert "chat" not in after and not {t["code"] for t in after["tips"]} & {"CHT001", "CHT002", "CHT003"}


async def test_timeline_questions_come_only_from_the_moderator_and_bad_input_is_a_clear_error(api: Api) -> None:
    await api.call("POST", "/v1/chats", json=EDCHAT)
    q = {"text": "Q1: Introduce yourself #edchat", "at": LIVE, "source": "timeline", "remote_id": "1866000000000000001"}
    status, body = await api.call("POST", "/v1/chats/edchat/questions", json={**q, "author": "@someone"})
    assert status == 422 and "moderator" in body["error"]["message"]
    assert (await api.call("POST", "/v1/chats/edchat/questions", json={**q, "author": "@EdChatMod"}))[0] == 201
    for bad, field in (({"text": "What do you read?", "at": LIVE}, "text"), ({"text": "Q1 x", "at": "2026-12-10T00:20:00Z"}, "date"),
                       ({"text": "Q1 x", "on": "2026-12-09", "at": "2026-12-09T19:00"}, "date"), ({"text": "Q1 x", "on": "soon", "at": LIVE}, "on")):
        status, body = await api.call("POST", "/v1/chats/edchat/questions", json=bad)
        assert status == 422 and body["error"]["details"]["field"] == field, (bad, body)
    for bad in ({**EDCHAT, "slug": "x2", "weekday": "someday"}, {**EDCHAT, "slug": "x3", "starts": "7pm"}, {**EDCHAT, "slug": "x4", "time_zone": "Mars/Base"}):
        status, body = await api.call("POST", "/v1/chats", json=bad)
        assert status == 422 and body["error"]["code"] == "invalid_input"
    assert (await api.call("POST", "/v1/chats", json=EDCHAT))[0] == 409
    assert (await api.call("POST", "/v1/chats/nope/questions", json=q))[0] == 404
    assert (await api.call("GET", "/v1/chats/edchat/answers?weeks=0"))[0] == 422


async def test_answers_are_grouped_by_question(api: Api) -> None:
    await api.call("POST", "/v1/chats", json=EDCHAT)
    for minute, text in ((5, "Q1: Introduce yourself"), (15, "Q2: How do you keep up?")):
        await api.call("POST", "/v1/chats/edchat/questions", json={"text": text, "on": "2026-12-08", "at": f"2026-12-08T19:{minute:02d}"})
    for minute, text in ((7, "A1 Jo, teacher in Leeds #edchat"), (17, "A2 RSS and a weekly paper #edchat"), (19, "A2 also podcasts #EdChat"),
                         (21, "Great chat tonight #edchat"), (22, "Unrelated post")):
        body = {"client_id": f"00000000-0000-4000-8000-0000000000{minute:02d}", "platform": "x", "text": text, "posted_at": f"2026-12-09T00:{minute:02d}:00Z"}
        assert (await api.call("POST", "/v1/posts", json=body))[0] == 201
    status, body = await api.call("GET", "/v1/chats/edchat/answers?weeks=2&at=2026-12-09T03:00:00Z")
    assert status == 200
    run = body["runs"][0]
    assert run["occurrence"] == "2026-12-08"
    assert [(q["number"], q["question"], [a["text"] for a in q["answers"]]) for q in run["questions"]] == [
        (1, "Introduce yourself", ["A1 Jo, teacher in Leeds #edchat"]),
        (2, "How do you keep up?", ["A2 RSS and a weekly paper #edchat", "A2 also podcasts #EdChat"]),
        (None, None, ["Great chat tonight #edchat"]),
    ]
