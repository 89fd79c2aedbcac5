package discord

import (
	"net/http"

	"github.com/briefbot/briefbot/bot/httppool"
)

// maxIdleConnsPerHost is how many idle connections to Discord's REST API
// the bot keeps for reuse: a burst of questions is an acknowledgement and
// then edits each.
const maxIdleConnsPerHost = 128

// restTransport is the transport of the bot's REST calls.
func restTransport() http.RoundTripper { return httppool.Transport(maxIdleConnsPerHost) }
