package discordtest

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// attachLocked stores an uploaded file and returns its attachment, with a
// URL the fake serves.
func (s *Server) attachLocked(channelID string, f File) *discordgo.MessageAttachment {
	id := s.newID()
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	p := "/attachments/" + channelID + "/" + id + "/" + url.PathEscape(f.Name)
	s.files[p] = servedFile{contentType: ct, data: f.Data}
	u := s.hs.URL + p
	return &discordgo.MessageAttachment{
		ID: id, Filename: f.Name, ContentType: ct, Size: len(f.Data), URL: u, ProxyURL: u,
	}
}

// servedFile is a file the fake serves under /attachments or /files.
type servedFile struct {
	contentType string
	data        []byte
}

// AddFile serves data at a fresh URL on the fake and returns that URL, as
// Discord's CDN serves an attachment a member uploaded.
func (s *Server) AddFile(name string, data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := "/files/" + s.newID() + "/" + url.PathEscape(name)
	s.files[p] = servedFile{contentType: http.DetectContentType(data), data: append([]byte(nil), data...)}
	return s.hs.URL + p
}

// Attachment returns an uploaded attachment's bytes by its URL.
func (s *Server) Attachment(rawURL string) ([]byte, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[u.EscapedPath()]
	return append([]byte(nil), f.data...), ok
}

// fileWriter captures what serveFile writes; other handlers write nothing.
type fileWriter struct {
	header http.Header
	status int
	body   []byte
}

func (w *fileWriter) Header() http.Header { return w.header }
func (w *fileWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *fileWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.body = append(w.body, b...)
	return len(b), nil
}

// serveFile serves AddFile files and uploaded attachments.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.URL.EscapedPath()]
	s.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	w.WriteHeader(http.StatusOK)
	w.Write(f.data)
}
