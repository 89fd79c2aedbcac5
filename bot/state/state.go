// Package state holds the types of the bot's small shared stores — rate
// limits and their Decision, feedback votes, the answer cache's key — and
// the rate limiter's rules, over the GCRA buckets it declares (Buckets).
// The Redis stores themselves (buckets, answer cache, conversations,
// feedback, once) are in bot/redisstore.
package state

func invalid(op, what string) error { return Invalid("state: "+op, what) }
