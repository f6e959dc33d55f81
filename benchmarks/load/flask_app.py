"""The baseline of the load benchmark: the demo's endpoints with python-mwoauth's Flask support.

Environment: WIKI_INDEX (index.php URL), WIKI_API (api.php URL), CONSUMER_KEY, CONSUMER_SECRET, SECRET_KEY.
Serve with: /usr/bin/python3 -m gunicorn -w <cores> -b 127.0.0.1:<port> flask_app:app
"""
import os

import flask
import requests
import mwoauth
import mwoauth.flask
from markupsafe import escape

app = flask.Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
API = os.environ["WIKI_API"]
oauth = mwoauth.flask.MWOAuth(os.environ["WIKI_INDEX"],
                              mwoauth.ConsumerToken(os.environ["CONSUMER_KEY"], os.environ["CONSUMER_SECRET"]),
                              user_agent="mwoauth-benchmarks-flask/0.1", default_next="index")
app.register_blueprint(oauth.bp)
LINKS = '<p><a href="/login">login</a> / <a href="/test_query">test_query</a> / <a href="/logout">logout</a></p>'


def page(title, body):
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + title + '</title></head><body>\n'
            + body + '\n</body></html>\n')


@app.route("/")
def index():
    identity = oauth.identify()
    status = "logged in as: " + escape(identity["username"]) if identity else "not logged in"
    return page("mwoauth demo", '<p id="status">' + status + '</p>' + LINKS)


@app.route("/login")
def login():
    return flask.redirect(flask.url_for("mwoauth.mwoauth_initiate"))


@app.route("/test_query")
@mwoauth.flask.authorized
def test_query():
    name = oauth.identify()["username"]
    # python-mwoauth's requests_session() passes auth= to requests.Session(), which current requests refuses
    json = requests.post(API, auth=oauth.generate_auth(), data={
        "action": "query", "list": "usercontribs", "ucuser": name, "uclimit": 50, "format": "json",
        "formatversion": 2}, headers={"User-Agent": "mwoauth-benchmarks-flask/0.1"}, timeout=30).json()
    items = "".join("<li>" + escape(e["title"]) + " (" + escape(e["timestamp"]) + ")</li>\n"
                    for e in json["query"]["usercontribs"])
    return page("contributions", "<h1>Contributions of " + escape(name) + '</h1>\n<ul id="contributions">\n'
                + items + "</ul>" + LINKS)
