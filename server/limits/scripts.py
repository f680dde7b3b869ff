"""The Lua run atomically in Redis: one round trip per lease or difficulty update, whichever process asks.

Both scripts keep the maths of server.ratelimit exactly (same operations on doubles; state stored with 17
significant digits so it round-trips), and take the time from Redis (`TIME`) so that every process shares one
clock — a test passes its own `now` instead. Numbers come back as strings: Redis truncates a Lua number to an
integer. store.LimitStore sends `EVALSHA` and loads the script again when Redis answers `NOSCRIPT` (after a restart or
`SCRIPT FLUSH`). Both read the time through `_now`."""

from __future__ import annotations


def _now(argv: int) -> str:
    """Lua setting `now` (seconds): ARGV[argv] when a test passes its own time, else Redis's clock, shared by every
    process."""
    return f"""local now
if ARGV[{argv}] == '' then
  -- Redis 7 replicates a script's effects, so TIME may precede writes; older servers must be told to.
  if redis.replicate_commands then redis.replicate_commands() end
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
else
  now = tonumber(ARGV[{argv}])
end
"""


# KEYS[1] the bucket; ARGV: rate per second, burst, need, want, minimum TTL in ms, now in seconds ("" = Redis TIME).
# Refill as TokenBucket.take does, then grant between `need` and `want` tokens if at least `need` are there
# (a lease), else nothing and the seconds until `need` will be. The key lives as long as the bucket takes to fill
# again — after that a missing key and a full bucket are the same thing, so Redis forgets who was active.
# Returns {granted, seconds to wait, tokens left}.
LEASE = (
    """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local need = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
local min_ttl = tonumber(ARGV[5])
"""
    + _now(6)
    + """local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = tonumber(state[1])
local stamp = tonumber(state[2])
if tokens == nil or stamp == nil then
  tokens = burst
  stamp = now
end
local elapsed = math.max(0, now - stamp)
tokens = math.min(burst, tokens + elapsed * rate)
local granted = 0
local wait = 0
if tokens >= need then
  granted = math.max(need, math.min(want, tokens))
  tokens = tokens - granted
else
  wait = (need - tokens) / rate
end
local ttl = math.ceil((burst - tokens) / rate * 1000)
if ttl > 0 then
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'stamp', string.format('%.17g', now))
  redis.call('PEXPIRE', KEYS[1], string.format('%d', math.max(ttl, min_ttl)))
else
  redis.call('DEL', KEYS[1])
end
return {string.format('%.17g', granted), string.format('%.17g', wait), string.format('%.17g', tokens)}
"""
)

# KEYS[1] the lane's count; ARGV: tau in seconds, add ("1" records a request, "0" only reads), the count below
# which the key is dropped, minimum TTL in ms, now in seconds ("" = Redis TIME). Decays as
# AdaptiveDifficulty._decay does; the key expires once the count has decayed below the floor, when it no longer
# moves the difficulty. Returns the (decayed, then incremented) count.
DECAY = (
    """
local tau = tonumber(ARGV[1])
local add = tonumber(ARGV[2])
local floor = tonumber(ARGV[3])
local min_ttl = tonumber(ARGV[4])
"""
    + _now(5)
    + """local state = redis.call('HMGET', KEYS[1], 'count', 'stamp')
local count = tonumber(state[1])
local stamp = tonumber(state[2])
if count == nil or stamp == nil then
  count = 0
  stamp = now
end
local elapsed = math.max(0, now - stamp)
count = count * math.exp(-elapsed / tau)
if add > 0 then
  count = count + add
  local ttl = math.ceil(tau * math.log(count / floor) * 1000)
  redis.call('HSET', KEYS[1], 'count', string.format('%.17g', count), 'stamp', string.format('%.17g', now))
  redis.call('PEXPIRE', KEYS[1], string.format('%d', math.max(ttl, min_ttl)))
end
return string.format('%.17g', count)
"""
)
