# FastAPI fixture (Debian 12: fastapi 0.92, starlette 0.26, uvicorn 0.17): the CORS setup is the snippet at the marker.
from fastapi import FastAPI

app = FastAPI()


@app.put("/api/items/{item_id}")
def put_item(item_id: int):
    return {"id": item_id, "saved": True}


# __FIX__
