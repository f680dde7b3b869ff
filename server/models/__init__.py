"""One module per table; importing this package registers them all on Base.metadata."""

from server.models.base import Base
from server.models.conversation import Conversation
from server.models.identity import Identity
from server.models.member import ConversationMember
from server.models.message import Message
from server.models.send_receipt import SendReceipt
from server.models.used_challenge import UsedChallenge

__all__ = [
    "Base",
    "Conversation",
    "ConversationMember",
    "Identity",
    "Message",
    "SendReceipt",
    "UsedChallenge",
]
