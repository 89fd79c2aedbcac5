package llm

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{"none", nil, 0, false},
		{"seconds", map[string]string{"Retry-After": "3"}, 3 * time.Second, true},
		{"fraction", map[string]string{"Retry-After": "0.5"}, 500 * time.Millisecond, true},
		{"date", map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, 90 * time.Second, true},
		{"past date", map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0, true},
		{"milliseconds win", map[string]string{"Retry-After": "2", "Retry-After-Ms": "1500"}, 1500 * time.Millisecond, true},
		{"garbage", map[string]string{"Retry-After": "soon"}, 0, false},
		{"negative", map[string]string{"Retry-After": "-1"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got, ok := retryAfter(h, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("retryAfter = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	d := &retryDoer{baseDelay: 100 * time.Millisecond, maxDelay: 8 * time.Second}
	resp := &http.Response{StatusCode: 503, Header: http.Header{}}
	for attempt, lo := range []time.Duration{100, 200, 400, 800} {
		lo *= time.Millisecond
		wait, ok := d.retryWait(resp, nil, attempt)
		if !ok || wait < lo || wait > lo*3/2+time.Millisecond {
			t.Errorf("attempt %d: wait %v, want in [%v, %v]", attempt, wait, lo, lo*3/2)
		}
	}
	if wait, _ := d.retryWait(resp, nil, 20); wait > 12*time.Second {
		t.Errorf("wait %v is not capped", wait)
	}
	for _, code := range []int{400, 401, 404, 409, 422, 501} {
		if _, ok := d.retryWait(&http.Response{StatusCode: code}, nil, 0); ok {
			t.Errorf("status %d retried", code)
		}
	}
}
