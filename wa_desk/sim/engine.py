"""The behaviour of the simulated Cloud API, independent of HTTP.

``CloudSimulator.handle_send`` judges a send request as Meta would (limits, templates,
window), answers with Meta's response body, and schedules the statuses the business
would then receive by webhook. ``customer_sends`` makes a customer write.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import Any

from wa_desk.core.clock import DAY_MS
from wa_desk.core.opt_out import MarketingPreference
from wa_desk.sim import graph_errors as ge
from wa_desk.sim.delivery import Delivery, WebhookDeliverer
from wa_desk.sim.limits import SendLimiter
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import InboundRecord, SentRecord, Template, World
from wa_desk.sim.validation import SendRequest, parse_send
from wa_desk.sim.webhooks import (
    customer_message,
    inbound_body,
    status_body,
    status_entry,
    template_status_body,
    user_preferences_body,
)

JsonObject = dict[str, Any]
SendListener = Callable[[SendRequest, SentRecord], None]


class CloudSimulator:
    def __init__(
        self,
        world: World,
        settings: SimSettings,
        *,
        deliverer: WebhookDeliverer | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.world = world
        self.settings = settings
        self._deliverer = deliverer
        self._monotonic = monotonic
        self._rng = random.Random(settings.seed)
        self.limiter = SendLimiter(
            settings.rate_per_number, settings.pair_burst, settings.pair_per_second
        )
        self._listeners: list[SendListener] = []
        self._tasks: set[asyncio.Task[None]] = set()
        # (phone_number_id, wa_id, category) -> (conversation id, expires at ms)
        self._conversations: dict[tuple[str, str, str], tuple[str, int]] = {}
        self.accepted: Counter[str] = Counter()
        self.refused: Counter[int] = Counter()
        self.inbound_count = 0

    # -- wiring ----------------------------------------------------------------------------

    @property
    def deliverer(self) -> WebhookDeliverer | None:
        """Created on first use, inside the running loop, when a hub URL is configured."""
        url = self.settings.webhook_url
        if self._deliverer is None and url is not None:
            s = self.settings
            self._deliverer = WebhookDeliverer(
                url,
                s.app_secret,
                base_delay_s=s.retry_base_s,
                max_delay_s=s.retry_cap_s,
                give_up_after_s=s.give_up_after_s,
                concurrency=s.delivery_concurrency,
                timeout_s=s.delivery_timeout_s,
                seed=s.seed,
            )
        return self._deliverer

    def on_send(self, listener: SendListener) -> None:
        """Call ``listener`` after every accepted message (personas reply through this)."""
        self._listeners.append(listener)

    def emit(self, body: JsonObject) -> Delivery | None:
        self.world.record_webhook(body)
        deliverer = self.deliverer
        return None if deliverer is None else deliverer.submit(body)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._deliverer is not None:
            await self._deliverer.aclose()

    def stats(self) -> JsonObject:
        deliverer = self._deliverer
        return {
            "accepted": dict(self.accepted),
            "accepted_total": sum(self.accepted.values()),
            "refused": {str(code): n for code, n in self.refused.items()},
            "inbound": self.inbound_count,
            "customers": len(self.world.customers),
            "webhooks_built": len(self.world.webhooks),
            "delivery": None if deliverer is None else deliverer.stats.to_json(),
        }

    # -- business -> customer ---------------------------------------------------------------

    def handle_send(self, phone_number_id: str, body: Any) -> JsonObject:
        """Meta's answer to ``POST /{phone_number_id}/messages``; raises GraphError."""
        try:
            return self._handle_send(phone_number_id, body)
        except ge.GraphError as exc:
            self.refused[exc.code] += 1
            raise

    def _handle_send(self, phone_number_id: str, body: Any) -> JsonObject:
        world = self.world
        if phone_number_id not in world.numbers:
            raise ge.unknown_object(phone_number_id, "post")
        request = parse_send(phone_number_id, body)
        now = world.now_ms()
        if request.kind == "read":
            world.record_sent(SentRecord(None, phone_number_id, None, "read", dict(body), now))
            self.accepted["read"] += 1
            return {"success": True}
        assert request.wa_id is not None and request.to is not None
        if not self.limiter.take_throughput(phone_number_id, self._monotonic()):
            raise ge.business_error(130429, ge.THROUGHPUT_DETAILS)
        category, billable, text = "service", False, request.text
        if request.type == "template":
            name, language = request.template_name or "", request.template_language or ""
            template = world.find_template(name, language)
            if template is None or template.status != "APPROVED":
                where = "exist in the translation" if world.template_exists(name) else "exist"
                raise ge.GraphError(
                    132001,
                    "(#132001) Template name does not " + where,
                    details=f"template name ({name}) does not {where} in {language}",
                )
            _check_template_params(request, template)
            category, billable = template.category.lower(), True
            text = template.render(request.body_params, request.body_param_names)
        window_closed = request.type != "template" and not world.window_open(
            phone_number_id, request.wa_id
        )
        if window_closed and self.settings.window_errors == "sync":
            raise ge.business_error(131047, ge.RE_ENGAGEMENT_DETAILS)
        stopped = category == "marketing" and self._stopped_marketing(
            phone_number_id, request.wa_id
        )
        if stopped and self.settings.marketing_stopped_errors == "sync":
            raise ge.business_error(131050, ge.MARKETING_STOPPED_DETAILS)
        if not self.limiter.take_pair(phone_number_id, request.wa_id, self._monotonic()):
            raise ge.business_error(131056, ge.PAIR_RATE_DETAILS)

        customer = world.customer(request.wa_id)
        wamid = world.new_wamid(request.wa_id)
        stored = dict(body)
        if text is not None:
            stored.setdefault("_rendered", text)
        record = SentRecord(wamid, phone_number_id, request.wa_id, request.type, stored, now)
        world.record_sent(record)
        self.accepted[request.type] += 1
        failure = (131047, ge.RE_ENGAGEMENT_DETAILS) if window_closed else None
        if stopped:  # accepted, and failed by webhook, as for an undeliverable one
            failure = (131050, ge.MARKETING_STOPPED_DETAILS)
        if failure is None and self._rng.random() < self.settings.failure_probability:
            failure = (self.settings.failure_code, ge.UNDELIVERABLE_DETAILS)
        self._spawn(self._progress(record, category, billable, failure))
        for listener in list(self._listeners):
            listener(request, record)
        response_message: JsonObject = {"id": wamid}
        if request.type == "template":
            response_message["message_status"] = "accepted"
        return {
            "messaging_product": "whatsapp",
            "contacts": [{"input": request.to, "wa_id": customer.wa_id}],
            "messages": [response_message],
        }

    def _conversation(
        self, phone_number_id: str, wa_id: str, category: str, now_ms: int
    ) -> tuple[str, int]:
        key = (phone_number_id, wa_id, category)
        found = self._conversations.get(key)
        if found is None or found[1] <= now_ms:
            found = (self.world.new_trace_id().lower()[:32], now_ms + DAY_MS)
            self._conversations[key] = found
        return found

    async def _progress(
        self, record: SentRecord, category: str, billable: bool, failure: tuple[int, str] | None
    ) -> None:
        s, world = self.settings, self.world
        number = world.numbers[record.phone_number_id]
        assert record.wamid is not None and record.to is not None
        customer = world.customers.get(record.to)
        steps: list[tuple[str, float]] = []
        if failure is not None:
            steps.append(("failed", s.sent_after_s))
        else:
            steps.append(("sent", s.sent_after_s))
            steps.append(("delivered", s.delivered_after_s))
            if self._rng.random() < s.read_probability:
                steps.append(("read", s.read_after_s))
        elapsed = 0.0
        for status, at in steps:
            await asyncio.sleep(s.scaled(max(0.0, at - elapsed)))
            elapsed = at
            now = world.now_ms()
            conv_id, expires = self._conversation(record.phone_number_id, record.to, category, now)
            entry = status_entry(
                wamid=record.wamid,
                status=status,
                recipient_id=record.to,
                timestamp_s=now // 1000,
                conversation_id=conv_id,
                conversation_expires_s=expires // 1000,
                category=category,
                billable=billable,
                error=failure,
            )
            self.emit(status_body(world.waba_id, number, customer, entry))

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _stopped_marketing(self, phone_number_id: str, wa_id: str) -> bool:
        customer = self.world.customers.get(wa_id)
        return customer is not None and phone_number_id in customer.marketing_stopped

    def set_marketing_stopped(
        self, wa_id: str, phone_number_id: str, stopped: bool
    ) -> Delivery | None:
        """The customer stops (or resumes) marketing messages from a business number in
        WhatsApp's settings: a ``user_preferences`` webhook tells the business, as Meta
        does, and a marketing template sent anyway fails with 131050. Choosing what is
        already chosen sends nothing (None)."""
        world = self.world
        customer = world.customer(wa_id)
        if stopped == (phone_number_id in customer.marketing_stopped):
            return None
        if stopped:
            customer.marketing_stopped.add(phone_number_id)
        else:
            customer.marketing_stopped.discard(phone_number_id)
        value = MarketingPreference.STOP if stopped else MarketingPreference.RESUME
        number = world.numbers[phone_number_id]
        body = user_preferences_body(world.waba_id, number, customer, value, world.now_ms() // 1000)
        return self.emit(body)

    # -- the account's templates -------------------------------------------------------------

    def change_template_status(
        self, name: str, language: str, event: str, reason: str | None = None
    ) -> tuple[Template, Delivery | None] | None:
        """Meta reviews a template: its status in the listing changes (a reinstated one is
        approved again; a flagged one keeps its status) and a
        ``message_template_status_update`` webhook says so. None: no such template."""
        world = self.world
        found = world.find_template(name, language)
        if found is None:
            return None
        status = {"REINSTATED": "APPROVED", "FLAGGED": found.status}.get(event, event)
        template = world.set_template_status(name, language, status, reason)
        assert template is not None
        body = template_status_body(world.waba_id, template, event, world.now_ms() // 1000, reason)
        return template, self.emit(body)

    # -- customer -> business ---------------------------------------------------------------

    def customer_sends(
        self,
        wa_id: str,
        kind: str = "text",
        text: str | None = None,
        *,
        phone_number_id: str | None = None,
        name: str | None = None,
        language: str = "es",
        context_wamid: str | None = None,
        reaction_to: str | None = None,
        choice_id: str = "opcion_1",
    ) -> tuple[str, Delivery | None]:
        """Customer ``wa_id`` writes to a business number; returns the new wamid.

        Opens (or extends) the 24 h window except for kinds a customer does not type
        (reactions and system notices still count for Meta; all inbound does here).
        """
        world = self.world
        number = world.numbers[phone_number_id] if phone_number_id else world.default_number
        customer = world.customer(wa_id, name=name, language=language)
        now = world.now_ms()
        wamid = world.new_wamid(wa_id)
        context_from = number.digits if context_wamid is not None else None
        message = customer_message(
            kind,
            wamid=wamid,
            wa_id=wa_id,
            timestamp_s=now // 1000,
            text=text,
            context_wamid=context_wamid,
            context_from=context_from,
            reaction_to=reaction_to,
            choice_id=choice_id,
            media_id=world.new_id(16),
        )
        world.note_inbound(number.phone_number_id, wa_id, now)
        world.record_inbound(
            InboundRecord(wamid, number.phone_number_id, wa_id, message["type"], text, now)
        )
        self.inbound_count += 1
        delivery = self.emit(inbound_body(world.waba_id, number, customer, message))
        return wamid, delivery


def _mismatch(where: str, given: int, expected: int) -> ge.GraphError:
    return ge.GraphError(
        132000,
        "(#132000) Number of parameters does not match the expected number of params",
        details=f"{where}: number of localizable_params ({given}) does not match the "
        f"expected number of params ({expected})",
    )


def _format_mismatch(details: str) -> ge.GraphError:
    return ge.GraphError(
        132012,
        "(#132012) Parameter format does not match format in the created template",
        details=details,
    )


def _check_template_params(request: SendRequest, template: Template) -> None:
    """Meta's checks of a template send against the approved template: the body's and
    the header's parameter counts (and names, for a NAMED template), a media header's
    file, and a parameter for each URL button that takes a suffix, at its index."""
    if len(request.body_params) != template.body_param_count:
        raise _mismatch("body", len(request.body_params), template.body_param_count)
    media = template.media_header
    if media is not None:
        if request.header_param_types != [media]:
            raise _format_mismatch(f"header: expected one {media} parameter")
    elif request.header_param_count != template.header_param_count:
        raise _mismatch("header", request.header_param_count, template.header_param_count)
    text_header_names = request.header_param_names if media is None else []
    if template.named:
        for where, names, keys in (
            ("body", request.body_param_names, template.body_keys),
            ("header", text_header_names, template.header_keys),
        ):
            if sorted(n or "" for n in names) != sorted(keys):
                raise _format_mismatch(f"{where}: parameter names {names} do not match {keys}")
    elif any(request.body_param_names) or any(text_header_names):
        raise _format_mismatch("parameter_name is only for templates with named parameters")
    wanted = template.dynamic_button_indexes
    given = sorted(index for index, _, _ in request.button_params)
    if given != wanted:
        raise _mismatch("buttons", len(given), len(wanted))
    for index, sub_type, values in request.button_params:
        if index == template.copy_code_index:
            _check_copy_code(index, sub_type, values, request.button_param_types.get(index, []))
        elif sub_type.lower() != "url" or len(values) != 1:
            raise _format_mismatch(f"button {index}: expected one url suffix")


MAX_COUPON_CODE = 15  # Meta: a copy-code button's code is at most 15 characters


def _check_copy_code(index: int, sub_type: str, values: list[str], types: list[str]) -> None:
    """A copy-code button takes exactly one ``coupon_code`` parameter of at most 15
    characters, as Meta checks it."""
    if sub_type.lower() != "copy_code" or types != ["coupon_code"]:
        raise _format_mismatch(f"button {index}: expected one coupon_code parameter")
    code = values[0]
    if not code.strip():
        raise ge.GraphError(
            131008,
            "(#131008) Required parameter is missing",
            details=f"button {index}: the coupon code is empty",
        )
    if len(code) > MAX_COUPON_CODE:
        raise ge.invalid_parameter(
            f"Param template['components'][button {index}]['parameters'][0]['coupon_code'] "
            f"must be at most {MAX_COUPON_CODE} characters long."
        )
