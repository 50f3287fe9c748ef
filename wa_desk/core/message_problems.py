"""Why an incoming message was not fully understood: one stable code per problem.

The webhook parser reports each problem with one of these codes and an English detail
(for logs and the API). The hub stores both with the message; the desktop shows its own
words for the code, in the agent's language, never the English detail. Codes are part of
the API: add new ones, never rename one.
"""

from __future__ import annotations

from enum import StrEnum


class MessageProblem(StrEnum):
    # Who sent it and to which number
    NO_METADATA = "no_metadata"  # the change has no metadata
    NO_PHONE_NUMBER_ID = "no_phone_number_id"  # metadata names no business number
    SENDER_NOT_TEXT = "sender_not_text"  # "from" is not a string
    SENDER_FROM_CONTACTS = "sender_from_contacts"  # no "from": taken from the contacts
    SENDER_USER_ID_ONLY = "sender_user_id_only"  # no phone number, only a user id
    # The message itself
    MISSING_ID = "missing_id"
    ID_NOT_TEXT = "id_not_text"
    MISSING_TIMESTAMP = "missing_timestamp"
    TIMESTAMP_NOT_A_NUMBER = "timestamp_not_a_number"
    TIMESTAMP_OUT_OF_RANGE = "timestamp_out_of_range"
    TYPE_GUESSED = "type_guessed"  # no type, guessed from its content
    MISSING_TYPE = "missing_type"
    UNKNOWN_TYPE = "unknown_type"
    ERRORS_NOT_LIST = "errors_not_list"
    # Its content
    MISSING_CONTENT = "missing_content"  # e.g. a text message without its text object
    CONTENT_NOT_OBJECT = "content_not_object"
    FIELD_NOT_TEXT = "field_not_text"  # a body, caption, title or emoji that is not text
    MISSING_MEDIA_ID = "missing_media_id"
    BAD_LOCATION = "bad_location"
    MISSING_CONTACTS_LIST = "missing_contacts_list"
    BAD_SHARED_CONTACT = "bad_shared_contact"
    REACTION_WITHOUT_TARGET = "reaction_without_target"
    UNKNOWN_INTERACTIVE = "unknown_interactive"
    MISSING_ORDER_ITEMS = "missing_order_items"
    BAD_ORDER_ITEM = "bad_order_item"
    EDIT_WITHOUT_TARGET = "edit_without_target"
    EDIT_WITHOUT_MESSAGE = "edit_without_message"
    REVOKE_WITHOUT_TARGET = "revoke_without_target"
