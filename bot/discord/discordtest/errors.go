package discordtest

import (
	"fmt"
	"net/http"
)

// apiError is Discord's JSON error body.
type apiError struct {
	Code    int            `json:"code"`
	Message string         `json:"message"`
	Errors  map[string]any `json:"errors,omitempty"`
}

func errorResponse(status, code int, msg string) *Response {
	return JSONResponse(status, apiError{Code: code, Message: msg})
}

// Discord's errors for ids that do not exist.
var (
	errUnknownChannel     = func() *Response { return errorResponse(http.StatusNotFound, 10003, "Unknown Channel") }
	errUnknownMessage     = func() *Response { return errorResponse(http.StatusNotFound, 10008, "Unknown Message") }
	errUnknownWebhook     = func() *Response { return errorResponse(http.StatusNotFound, 10015, "Unknown Webhook") }
	errUnknownInteraction = func() *Response { return errorResponse(http.StatusNotFound, 10062, "Unknown interaction") }
	errMissingAccess      = func() *Response { return errorResponse(http.StatusForbidden, 50001, "Missing Access") }
	errEmptyMessage       = func() *Response { return errorResponse(http.StatusBadRequest, 50006, "Cannot send an empty message") }
)

// fieldError is one entry of a 50035 Invalid Form Body error.
type fieldError struct {
	path []string // "embeds", "0", "description"
	code string
	msg  string
}

// invalidForm builds Discord's 50035 body, which nests errors by field path:
// {"embeds":{"0":{"description":{"_errors":[{"code":…,"message":…}]}}}}.
func invalidForm(errs []fieldError) *Response {
	root := map[string]any{}
	for _, e := range errs {
		node := root
		for _, p := range e.path {
			next, ok := node[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[p] = next
			}
			node = next
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]string{"code": e.code, "message": e.msg})
	}
	return JSONResponse(http.StatusBadRequest, apiError{Code: 50035, Message: "Invalid Form Body", Errors: root})
}

func tooLong(max int, path ...string) fieldError {
	return fieldError{path: path, code: "BASE_TYPE_MAX_LENGTH", msg: fmt.Sprintf("Must be %d or fewer in length.", max)}
}
