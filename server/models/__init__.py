"""One module per table; importing this package registers them all on Base.metadata."""

from server.models.alert import Alert, AlertReport
from server.models.audit_entry import AuditEntry
from server.models.auth_token import AuthToken
from server.models.base import Base
from server.models.conversation import Conversation
from server.models.counseling import CounselingSession, CounselorProfile, HelpRequest, SessionNote
from server.models.counseling_counter import CounselingCounter
from server.models.group import Group, GroupInvite, GroupMember, PairChannel
from server.models.identity import Identity
from server.models.member import ConversationMember
from server.models.message import Message
from server.models.prekey import OneTimePreKeyRecord, SignedPreKeyRecord
from server.models.role import ROLES, Role
from server.models.role_invite import RoleInvite
from server.models.send_receipt import SendReceipt
from server.models.used_challenge import UsedChallenge

__all__ = [
    "ROLES",
    "Alert",
    "AlertReport",
    "AuditEntry",
    "AuthToken",
    "Base",
    "Conversation",
    "ConversationMember",
    "CounselingCounter",
    "CounselingSession",
    "CounselorProfile",
    "Group",
    "GroupInvite",
    "GroupMember",
    "HelpRequest",
    "Identity",
    "Message",
    "OneTimePreKeyRecord",
    "PairChannel",
    "Role",
    "RoleInvite",
    "SendReceipt",
    "SessionNote",
    "SignedPreKeyRecord",
    "UsedChallenge",
]
