"""Peer groups in the SDK: the server calls, plus what the device must do about them — start a new sender-key
epoch on every membership change, forget a group it left or was removed from, check DMs are allowed."""

from __future__ import annotations

from collections.abc import Awaitable

from client import distribution as distributions
from client.api import groups as groups_api
from client.core.epochs import reconcile_membership
from client.directory import ConversationInfo
from client.errors import HavenClientError
from client.messages import SentMessage
from client.port import Facade
from wire.frames import MembershipEvent

# Codes meaning "you are not (any more) an active member of this group".
_GONE = frozenset({"forbidden", "unknown_group", "not_member"})


class GroupOps(Facade):
    # --- staff -------------------------------------------------------------------------------------------
    async def create(
        self, pseudonym: str, *, max_members: int | None = None, dm_enabled: bool = False
    ) -> groups_api.GroupCreated:
        created = await groups_api.create_group(self._api, pseudonym, max_members=max_members, dm_enabled=dm_enabled)
        self._client.directory.remember_group(created.group_id, created.conversation_id, pseudonym)
        self._client.save()
        await self.info(created.group_id)
        return created

    async def invite(self, group_id: str, *, ttl_seconds: int = 86400, max_uses: int = 1) -> groups_api.GroupInvite:
        return await groups_api.create_invite(self._api, group_id, ttl_seconds=ttl_seconds, max_uses=max_uses)

    async def revoke_invite(self, group_id: str, invite_id: str) -> None:
        await groups_api.revoke_invite(self._api, group_id, invite_id)

    async def pending(self, group_id: str) -> list[groups_api.PendingMember]:
        return await groups_api.pending(self._api, group_id)

    async def approve(self, group_id: str, account_id: str) -> groups_api.MembershipChange:
        return await self._membership(group_id, groups_api.approve(self._api, group_id, account_id))

    async def _membership(
        self, group_id: str, change: Awaitable[groups_api.MembershipChange]
    ) -> groups_api.MembershipChange:
        """A membership change, then the group read again (its new version starts a new sender-key epoch)."""
        done = await change
        await self.info(group_id)
        return done

    async def reject(self, group_id: str, account_id: str) -> None:
        await groups_api.reject(self._api, group_id, account_id)

    async def remove(self, group_id: str, account_id: str) -> groups_api.MembershipChange:
        return await self._membership(group_id, groups_api.remove(self._api, group_id, account_id))

    async def ban(self, group_id: str, account_id: str) -> groups_api.MembershipChange:
        return await self._membership(group_id, groups_api.ban(self._api, group_id, account_id))

    async def promote(self, group_id: str, account_id: str) -> None:
        await groups_api.promote(self._api, group_id, account_id)

    async def update(
        self, group_id: str, *, dm_enabled: bool | None = None, max_members: int | None = None
    ) -> groups_api.GroupSettings:
        return await groups_api.update_group(self._api, group_id, dm_enabled=dm_enabled, max_members=max_members)

    # --- members -----------------------------------------------------------------------------------------
    async def join(self, code: str, pseudonym: str) -> groups_api.Joined:
        """Ask to join; nothing arrives until a group moderator approves (then a "membership" notice)."""
        return await groups_api.join(self._api, code, pseudonym)

    async def leave(self, group_id: str) -> None:
        await groups_api.leave(self._api, group_id)
        self._forget(group_id)

    async def mine(self) -> list[groups_api.MyGroup]:
        return await groups_api.my_groups(self._api)

    async def info(self, group_id: str) -> groups_api.GroupInfo:
        """The group as the server has it now, reconciled with this device's sender-key state."""
        try:
            info = await groups_api.group_info(self._api, group_id)
        except HavenClientError as exc:
            if exc.code in _GONE:
                self._forget(group_id)
            raise
        if info.status == "active" and info.conversation_id is not None:
            self._reconcile(group_id, info)
        return info

    async def send(self, group_id: str, text: str) -> SentMessage:
        """Send to the group. Membership is read fresh first, so a new epoch never reaches a removed member."""
        info = await self.info(group_id)
        if info.status != "active" or info.conversation_id is None:
            raise HavenClientError("not_member", "you are not an active member of this group yet")
        members = [m.account_id for m in info.members]
        return await self._client.send_group_text(info.conversation_id, members, text)

    async def direct(self, group_id: str, peer: str, text: str) -> SentMessage:
        """A direct message to another member — only where the group enables them."""
        channel = await groups_api.pair_channel(self._api, group_id, peer)
        if not channel.dm_enabled:
            raise HavenClientError("direct_messages_off", "this group does not allow direct messages")
        self._client.directory.remember(channel.conversation_id, ConversationInfo("pair", group_id=group_id, peer=peer))
        return await self._client.send_pairwise_text(channel.conversation_id, [peer], text)

    def pseudonyms(self, group_id: str) -> dict[str, str]:
        row = self._client.state.profile.get("groups", {}).get(group_id, {})
        return dict(row.get("pseudonyms", {}))

    # --- keeping the device in step -----------------------------------------------------------------------
    async def sync(self) -> None:
        """Learn every active group's conversation and pair channels (after a restart, a reconnect or an unknown
        delivery), and forget every group this device knows that the server no longer lists as active: the
        membership notices sent while the device was offline are hints the server does not keep."""
        listed = await groups_api.my_groups(self._api)
        active = {group.group_id for group in listed if group.status == "active"}
        for group_id in set(self._client.directory.groups()) - active:
            self._forget(group_id)
        for group in listed:
            if group.status != "active":
                continue
            await self.info(group.group_id)
            for channel in await groups_api.pair_channels(self._api, group.group_id):
                self._client.directory.remember(
                    channel.conversation_id, ConversationInfo("pair", group_id=group.group_id, peer=channel.peer)
                )
        self._client.save()

    async def on_membership(self, event: MembershipEvent) -> None:
        group_id = event.group
        if event.account == self._client.account_id and event.change in ("removed", "banned", "left"):
            self._forget(group_id)
            return
        try:
            await self.info(group_id)
        except HavenClientError as exc:
            if exc.code not in _GONE:
                raise

    def _reconcile(self, group_id: str, info: groups_api.GroupInfo) -> None:
        """A changed membership version means a new epoch; a member gone means their chains are dropped."""
        assert info.conversation_id is not None
        client = self._client
        row = client.state.profile.setdefault("groups", {}).setdefault(group_id, {})
        pseudonyms = {m.account_id: m.pseudonym for m in info.members}
        decision = reconcile_membership(
            row, conversation=info.conversation_id, version=info.membership_version, members=pseudonyms
        )
        if decision.unchanged:
            return  # read before every send: no state file write when nothing moved
        client.directory.remember_group(group_id, info.conversation_id)
        if decision.new_epoch:
            session = client.group_session(info.conversation_id)
            for gone in decision.gone:
                session.remove_member(gone)
            session.note_membership_change()
        row["version"] = info.membership_version
        row["members"] = sorted(pseudonyms)
        row["pseudonyms"] = pseudonyms
        client.save()

    def _forget(self, group_id: str) -> None:
        client = self._client
        conversation = client.directory.group_conversation(group_id)
        for channel, info in list(client.state.profile.get("conversations", {}).items()):
            if info.get("group") == group_id and info.get("kind") == "pair":
                client.state.pairwise.forget_conversation(channel)
        if conversation is not None:
            client.state.groups.pop(conversation, None)
            distributions.forget(client.state.profile, conversation)
            client.state.held = [h for h in client.state.held if h.conversation != conversation]
        client.directory.forget_group(group_id)
        client.save()
