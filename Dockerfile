# syntax=docker/dockerfile:1
# Build a static binary, then ship it alone in an empty image as a non-root user.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bot ./bot

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/bot /bot
# The first briefing is compiled in; set KNOWLEDGE_DIR to a mounted folder
# (docker-compose.yml mounts ./briefings at /knowledge) for more.
ENV KNOWLEDGE_DIR= \
    HEALTH_ADDR=127.0.0.1:8081
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/bot", "healthcheck"]
ENTRYPOINT ["/bot"]
CMD ["run"]
