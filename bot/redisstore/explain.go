package redisstore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/redis/go-redis/v9"
)

// RedisError is a failure to reach or use Redis said for an operator:
// where the bot tried (the addresses, never a password), what went wrong
// in a few words, and what to check. It wraps the client's error, so
// errors.Is and errors.As still see it.
type RedisError struct {
	Where  string // "Redis at host:port" or "Redis Cluster at a:1,b:2"
	Reason string // "connection refused"
	Check  string // what to look at; empty when there is nothing useful to say
	Err    error
}

func (e *RedisError) Error() string {
	msg := e.Where + ": " + e.Reason
	if e.Check != "" {
		msg += "; " + e.Check
	}
	return msg
}

func (e *RedisError) Unwrap() error { return e.Err }

// Explain says err, returned by rdb, as a *RedisError. An error that is
// already one is returned as it is.
func Explain(rdb redis.UniversalClient, err error) error {
	if err == nil {
		return nil
	}
	var re *RedisError
	if errors.As(err, &re) {
		return err
	}
	where, tls := describeClient(rdb)
	reason, check := explain(err, tls)
	return &RedisError{Where: where, Reason: reason, Check: check, Err: err}
}

// describeClient names what rdb talks to, and whether over TLS.
func describeClient(rdb redis.UniversalClient) (where string, overTLS bool) {
	switch c := rdb.(type) {
	case *redis.Client:
		o := c.Options()
		return "Redis at " + o.Addr, o.TLSConfig != nil
	case *redis.ClusterClient:
		o := c.Options()
		return "Redis Cluster at " + strings.Join(o.Addrs, ","), o.TLSConfig != nil
	}
	return "Redis", false
}

// explain turns a client error into a reason an operator can read and
// what to check. The client's own text repeats the address ("dial tcp
// host:port: connect: connection refused"), which the caller names once.
func explain(err error, overTLS bool) (reason, check string) {
	var (
		dns   *net.DNSError
		rec   tls.RecordHeaderError
		unk   x509.UnknownAuthorityError
		host  x509.HostnameError
		inval x509.CertificateInvalidError
		rerr  redis.Error
		op    *net.OpError
	)
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", "check that Redis is running there and that REDIS_URL names its host and port"
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "no such host " + dns.Name, "check the host name in REDIS_URL"
		}
		return "cannot look up host " + dns.Name + ": " + dns.Err, "check the DNS server"
	case errors.As(err, &rec):
		return "the server does not speak TLS", "use redis:// instead of rediss://, or turn TLS on in Redis"
	case errors.As(err, &unk), errors.As(err, &host), errors.As(err, &inval):
		return "its TLS certificate is not trusted (" + tlsCause(err) + ")", "check the host name in REDIS_URL and the CA that signed the server's certificate"
	case errors.As(err, &rerr):
		return explainReply(rerr.Error())
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		if overTLS {
			return "no answer in time", "REDIS_URL says rediss:// (TLS): check that the server speaks TLS there (a plain Redis never answers a TLS greeting), and the host and port"
		}
		return "no answer in time", "check that Redis is up and not overloaded, the host and port in REDIS_URL, and that no firewall drops the connection"
	case errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		if !overTLS {
			return "the server closed the connection", "if it speaks TLS, use rediss://; otherwise check its log (maxclients, protected mode)"
		}
		return "the server closed the connection", "check its log (maxclients, TLS settings)"
	case errors.As(err, &op) && op.Err != nil:
		return op.Err.Error(), ""
	}
	return err.Error(), ""
}

// explainReply is what a Redis error reply means for the operator.
func explainReply(msg string) (reason, check string) {
	code, _, _ := strings.Cut(msg, " ")
	switch code {
	case "WRONGPASS":
		return "the user name or password was refused", "check the password in REDIS_URL (redis://:PASSWORD@host:port, or redis://USER:PASSWORD@… with an ACL user)"
	case "NOAUTH":
		return "a password is required", "put it in REDIS_URL: redis://:PASSWORD@host:port"
	case "NOPERM":
		return "the user may not run the bot's commands (" + msg + ")", "grant the user in REDIS_URL the commands and keys briefbot:* in its ACL"
	case "OOM":
		return "out of memory: it refuses writes (maxmemory reached, policy noeviction)", "raise maxmemory or free memory; keep maxmemory-policy noeviction (an evicting policy drops live sessions, quizzes and approvals, which all expire)"
	case "LOADING":
		return "still loading its data set", "wait: the bot uses it again by itself once loaded"
	case "READONLY":
		return "a read-only replica, which refuses writes", "point REDIS_URL at the master"
	case "MISCONF":
		return "refuses writes: it could not save its snapshot", "check its disk and log (stop-writes-on-bgsave-error)"
	case "CLUSTERDOWN":
		return "the cluster is down (" + msg + ")", "check the cluster's nodes (redis-cli --cluster check)"
	}
	if strings.Contains(msg, "DB index is out of range") {
		return "the database number in REDIS_URL is out of range", "use one below the server's databases setting (16 by default)"
	}
	return msg, ""
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// tlsCause is the certificate error's own words, without the address.
func tlsCause(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e.(type) {
		case x509.UnknownAuthorityError, x509.HostnameError, x509.CertificateInvalidError:
			return e.Error()
		}
	}
	return err.Error()
}
