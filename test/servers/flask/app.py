# Flask fixture (Debian 12: flask 2.2, flask-cors 3.0): the CORS setup is the snippet at the marker.
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/api/me")
def me():
    return jsonify(user="ada")


# __FIX__

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
