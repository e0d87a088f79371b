"""Support assistant API: answers customer questions, triages tickets, drafts summaries."""
import datetime
from pathlib import Path

import anthropic
from fastapi import FastAPI
from openai import OpenAI
from pydantic import BaseModel

app = FastAPI(title="Acme support assistant")
claude = anthropic.Anthropic()
openai_client = OpenAI()

PROMPTS = Path(__file__).parent / "prompts"
SUPPORT_PROMPT = (PROMPTS / "support_system.md").read_text(encoding="utf-8")
TRIAGE_PROMPT = (
    "Classify the support ticket into exactly one of: billing, outage, bug, how-to, other. "
    "Respond with one word."
)


class Question(BaseModel):
    customer_id: str
    plan: str
    text: str


@app.post("/answer")
def answer(q: Question) -> dict:
    # prompt-cost: 30k/day
    response = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=800,
        system=SUPPORT_PROMPT,
        messages=[{"role": "user", "content": q.text}],
    )
    return {"answer": response.content[0].text}


@app.post("/answer/personal")
def answer_personal(q: Question) -> dict:
    # prompt-cost: 10k/day
    response = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=800,
        system=[
            {
                "type": "text",
                "text": f"Now: {datetime.datetime.now().isoformat()}. Customer {q.customer_id} on the {q.plan} plan.\n\n{SUPPORT_PROMPT}",
                "cache_control": {"type": "ephemeral"},
            }
        ],
        messages=[{"role": "user", "content": q.text}],
    )
    return {"answer": response.content[0].text}


@app.post("/triage")
def triage(q: Question) -> dict:
    # prompt-cost: 50k/day
    response = claude.messages.create(
        model="claude-opus-4-8",
        max_tokens=5,
        system=TRIAGE_PROMPT,
        messages=[{"role": "user", "content": q.text}],
    )
    return {"queue": response.content[0].text.strip().lower()}


@app.post("/summarize")
def summarize(q: Question) -> dict:
    # prompt-cost: 8k/day
    completion = openai_client.chat.completions.create(
        model="gpt-6.2-sol",
        messages=[
            {"role": "system", "content": "Summarize the conversation in three bullet points for the ticket history."},
            {"role": "user", "content": q.text},
        ],
    )
    return {"summary": completion.choices[0].message.content}


@app.post("/translate")
def translate(q: Question) -> dict:
    completion = openai_client.chat.completions.create(
        model="gpt-4o-mni",
        max_completion_tokens=600,
        messages=[{"role": "user", "content": f"Translate into English:\n\n{q.text}"}],
    )
    return {"text": completion.choices[0].message.content}


@app.post("/escalate")
def escalate(q: Question) -> dict:
    response = claude.messages.create(
        model="claude-sonnet-4-5",
        system=SUPPORT_PROMPT,
        messages=[{"role": "user", "content": f"Write the escalation note for: {q.text}"}],
    )
    return {"note": response.content[0].text}
