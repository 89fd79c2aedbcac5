package llm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// The kinds of failure callers act on. Every error returned by this package
// is an *Error that matches exactly one of them with errors.Is (and
// ErrUnauthorized also ErrBadRequest, which it refines); the caller's own
// cancellation is the exception and matches context.Canceled instead.
var (
	// ErrUnavailable: the model could not be reached or failed on its side
	// (connection refused, 5xx after retries, a broken stream).
	ErrUnavailable = errors.New("model unavailable")
	// ErrRateLimited: the server answered 429 after our retries, or asked us
	// to wait longer than the call's deadline allows.
	ErrRateLimited = errors.New("model rate limited")
	// ErrTimeout: the deadline passed or the stream stalled.
	ErrTimeout = errors.New("model timed out")
	// ErrBadRequest: the server refused the request itself (4xx other than
	// 408 and 429: bad parameters, bad key, unknown model). Retrying won't help.
	ErrBadRequest = errors.New("model rejected the request")
	// ErrEmpty: the call succeeded but produced no content.
	ErrEmpty = errors.New("model returned no content")
	// ErrUnauthorized: the server refused the API key (401) or this key's
	// access to the model (403): an operator's problem, not a passing
	// one. It is a kind of ErrBadRequest (errors.Is matches both).
	ErrUnauthorized = fmt.Errorf("model refused the API key: %w", ErrBadRequest)
	// ErrNotFound: the server has no such model, or no such endpoint
	// (404): OPENAI_MODEL misspelt, OPENAI_BASE_URL missing its /v1. An
	// operator's problem, as a refused key is; a kind of ErrBadRequest.
	ErrNotFound = fmt.Errorf("model server has no such model or endpoint: %w", ErrBadRequest)
)

// errStalled is the cancellation cause set by the stream watchdog.
var errStalled = errors.New("stream stalled")

// Error is the error type of this package. Its text never contains the API
// key: it is redacted from the underlying message.
type Error struct {
	Op     string // "chat", "complete" or "embed"
	Kind   error  // one of the Err* sentinels, or context.Canceled
	Status int    // HTTP status when the server answered, else 0
	// RetryAfter is the wait the server asked for on its last answer, if
	// it gave one: with ErrRateLimited, when it is worth asking again.
	RetryAfter time.Duration
	msg        string // redacted detail
	err        error  // the underlying error, for errors.Is/As
}

func (e *Error) Error() string {
	s := "llm: " + e.Op + ": " + e.Kind.Error()
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.msg != "" {
		s += ": " + e.msg
	}
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Unwrap exposes both the kind and the cause, so errors.Is works for the
// sentinels and for context.DeadlineExceeded or *openai.APIError alike.
func (e *Error) Unwrap() []error {
	if e.err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.err}
}

// maxDetail bounds the detail kept from a server's error body (an HTML
// page from a proxy can be large).
const maxDetail = 300

// classify turns whatever go-openai or the transport returned into an
// *Error. ctx is the per-call context, whose cause tells a stall from a
// deadline.
func (c *Client) classify(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	var already *Error
	if errors.As(err, &already) {
		return err
	}
	e := &Error{Op: op, err: err, msg: c.redact(err.Error())}

	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errStalled):
		e.Kind, e.msg, e.err = ErrTimeout, fmt.Sprintf("no data for %s", c.stall), errStalled
		return e
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		e.Kind, e.msg, e.err = ErrTimeout, "deadline exceeded", context.DeadlineExceeded
		return e
	case errors.Is(ctx.Err(), context.Canceled):
		e.Kind, e.msg, e.err = context.Canceled, "", context.Canceled
		return e
	case errors.As(err, &apiErr):
		e.Status = apiErr.HTTPStatusCode
		e.msg = c.redact(apiErr.Message)
	case errors.As(err, &reqErr):
		e.Status = reqErr.HTTPStatusCode
		e.msg = c.redact(string(reqErr.Body))
	}

	switch {
	case e.Status == 429:
		e.Kind = ErrRateLimited
	case e.Status == 408:
		e.Kind = ErrTimeout
	case e.Status >= 500:
		e.Kind = ErrUnavailable
	case e.Status == 401 || e.Status == 403:
		e.Kind = ErrUnauthorized
	case e.Status == 404:
		e.Kind = ErrNotFound
	case e.Status >= 400:
		e.Kind = ErrBadRequest
	case isValidation(err):
		e.Kind = ErrBadRequest
	default:
		// Transport errors (refused, reset, DNS), a truncated stream
		// (io.ErrUnexpectedEOF), an error event inside the stream, or a
		// body that is not the protocol: the server side is at fault.
		e.Kind = ErrUnavailable
		var netErr net.Error
		if errors.As(err, &netErr) && netErr.Timeout() {
			e.Kind = ErrTimeout
		}
	}
	return e
}

// isValidation reports go-openai's own checks, made before any request.
func isValidation(err error) bool {
	for _, v := range []error{
		openai.ErrChatCompletionInvalidModel,
		openai.ErrReasoningModelMaxTokensDeprecated,
		openai.ErrO1MaxTokensDeprecated,
		openai.ErrReasoningModelLimitationsOther,
		openai.ErrReasoningModelLimitationsLogprobs,
		openai.ErrReasoningSamplingUnsupported,
		openai.ErrReasoningEffortUnsupported,
		openai.ErrReasoningToolsRequireResponses,
	} {
		if errors.Is(err, v) {
			return true
		}
	}
	return false
}

// redact removes the API key from s and bounds its length.
func (c *Client) redact(s string) string {
	if len(c.key) >= 4 {
		s = strings.ReplaceAll(s, c.key, "[redacted]")
	}
	s = strings.TrimSpace(s)
	if len(s) > maxDetail {
		s = strings.ToValidUTF8(s[:maxDetail], "") + "…"
	}
	return s
}
