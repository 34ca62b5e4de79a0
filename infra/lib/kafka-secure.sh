# The test broker's secure listeners, so that Baton's TLS and SASL settings are tested against a
# real broker: SASL_SSL on KAFKA_SASL_SSL_PORT (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for one test
# user) and SSL with required client certificates on KAFKA_SSL_PORT (mutual TLS). A throwaway CA,
# broker and client certificate are made once with openssl in $TEST_KAFKA_TLS_DIR. Sourced by kafka.sh.
# Test credentials only: never use them, or this CA, outside the local test broker.

# Written beside meta.properties when the storage is formatted with the SCRAM users.
KAFKA_SCRAM_MARKER_NAME=".baton-scram-users"

kafka_tls_ready() { [[ -f "$TEST_KAFKA_TLS_DIR/.complete" ]]; }

# CA, broker certificate (SAN 127.0.0.1 and localhost, as clients verify the host name) and a
# client certificate, all PEM; the broker's key store is its key followed by its certificate.
kafka_make_tls_material() {
  if kafka_tls_ready; then return 0; fi
  kafka_ensure_openssl
  local dir="$TEST_KAFKA_TLS_DIR"
  rm -rf "$dir" && mkdir -p "$dir"
  log "kafka: making test TLS certificates in $dir"
  {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Baton local test CA" \
      -keyout "$dir/ca.key" -out "$dir/ca.crt"
    kafka_sign_certificate broker "/CN=localhost" "subjectAltName=IP:127.0.0.1,DNS:localhost"
    kafka_sign_certificate client "/CN=$TEST_KAFKA_SASL_USERNAME" "extendedKeyUsage=clientAuth"
    cat "$dir/broker.key" "$dir/broker.crt" >"$dir/broker-keystore.pem"
  } >>"$dir/openssl.log" 2>&1 || {
    tail -n 20 "$dir/openssl.log" >&2
    die "kafka: making the test TLS certificates failed"
  }
  touch "$dir/.complete"
}

# openssl makes the certificates; Debian images normally have it, a minimal one may not.
kafka_ensure_openssl() {
  if command -v openssl >/dev/null 2>&1; then return 0; fi
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "kafka: 'openssl' is missing and installing it needs root (apt-get install openssl)"
    sudo=sudo
  fi
  log "kafka: installing Debian's openssl (it makes the test broker's TLS certificates)"
  $sudo apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends openssl >/dev/null ||
    die "kafka: apt-get install openssl failed"
}

# kafka_sign_certificate NAME SUBJECT EXTENSION: NAME.key and NAME.crt signed by the test CA.
kafka_sign_certificate() {
  local dir="$TEST_KAFKA_TLS_DIR" name="$1"
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$dir/$name.key" -out "$dir/$name.csr"
  printf '%s\n' "$3" >"$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 3650 -extfile "$dir/$name.ext" -out "$dir/$name.crt"
}

# Lines of server.properties for the two secure listeners (listeners themselves are in kafka.sh).
kafka_secure_config() {
  cat <<EOC
ssl.keystore.type=PEM
ssl.keystore.location=$TEST_KAFKA_TLS_DIR/broker-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$TEST_KAFKA_TLS_DIR/ca.crt
listener.name.ssl.ssl.client.auth=required
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$TEST_KAFKA_SASL_USERNAME="$TEST_KAFKA_SASL_PASSWORD";
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
EOC
}

# Arguments of the storage format that create the SCRAM user (KRaft keeps SCRAM credentials in
# its metadata log, so they are written when the storage is formatted).
kafka_scram_format_args() {
  local mechanism
  for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
    printf '%s\n' --add-scram "$mechanism=[name=$TEST_KAFKA_SASL_USERNAME,password=$TEST_KAFKA_SASL_PASSWORD]"
  done
}

# Storage formatted before the secure listeners existed has no SCRAM user: say how to fix it.
kafka_check_scram_users() {
  if [[ -f "$KAFKA_DATA/meta.properties" && ! -f "$KAFKA_DATA/$KAFKA_SCRAM_MARKER_NAME" ]]; then
    warn "kafka: this data was formatted without the SCRAM test user (SCRAM logins on $TEST_KAFKA_SASL_SSL_BROKERS will fail); start from empty data: bash infra/down.sh --clean && npm run infra:up"
  fi
}
