package discord

import (
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
)

// streamer shows an answer as the model writes it, editing one message no
// more than once per interval. Edits are made one at a time by one
// goroutine, so a rate-limited edit (discordgo waits out a 429 and retries)
// delays the next one instead of racing it, and stop waits for the edit in
// flight so that the final edit always lands last.
type streamer struct {
	edit     func(text string)
	interval time.Duration

	mu    sync.Mutex
	text  strings.Builder
	dirty bool

	kick    chan struct{}
	done    chan struct{}
	stopped chan struct{}
}

func newStreamer(interval time.Duration, edit func(text string)) *streamer {
	st := &streamer{
		edit: edit, interval: interval,
		kick: make(chan struct{}, 1), done: make(chan struct{}), stopped: make(chan struct{}),
	}
	go st.run()
	return st
}

// delta adds a piece of text; it never blocks on Discord. answer.Restart
// withdraws the text so far: the next edit shows none (the "writing…"
// line alone) until more comes.
func (st *streamer) delta(s string) {
	st.mu.Lock()
	if s == answer.Restart {
		st.text.Reset()
	} else {
		st.text.WriteString(s)
	}
	st.dirty = true
	st.mu.Unlock()
	select {
	case st.kick <- struct{}{}:
	default:
	}
}

func (st *streamer) run() {
	defer close(st.stopped)
	// The first edit too waits an interval: an answer that is ready by
	// then (extractive, cached) goes out in one final edit, not two.
	last := time.Now()
	for {
		select {
		case <-st.kick:
		case <-st.done:
			return
		}
		if wait := st.interval - time.Since(last); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-st.done:
				t.Stop()
				return
			}
		}
		st.mu.Lock()
		text, dirty := st.text.String(), st.dirty
		st.dirty = false
		st.mu.Unlock()
		if dirty {
			st.edit(text)
			last = time.Now()
		}
	}
}

// stop ends streaming and waits for an edit in flight.
func (st *streamer) stop() {
	close(st.done)
	<-st.stopped
}
