#!/bin/sh
# Regenerates the TLS test fixtures of HttpTlsTest (run it in this folder; needs openssl and the JDK's keytool).
# A throwaway test CA signs a server certificate for localhost/127.0.0.1, one for another host name, and a client
# certificate; all are valid for 100 years and protect nothing, so their passwords are written here:
#   server.p12 / wrong-host.p12: server-pass, client.p12: client-pass, truststore.p12 (the CA): trust-pass.
set -e
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days -subj "/CN=rowpipe test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
leaf() {
    name=$1 san=$2 usage=$3 password=$4
    openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name"
    printf 'subjectAltName=%s\nextendedKeyUsage=%s\nbasicConstraints=CA:FALSE\n' "$san" "$usage" > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$name.crt" -days $days \
        -extfile "$name.ext"
    openssl pkcs12 -export -inkey "$name.key" -in "$name.crt" -certfile ca.pem -name "$name" -out "$name.p12" \
        -passout "pass:$password"
    rm "$name.key" "$name.csr" "$name.ext" "$name.crt"
}
leaf server "DNS:localhost,IP:127.0.0.1" serverAuth server-pass
leaf wrong-host "DNS:wrong.example" serverAuth server-pass
leaf client "DNS:rowpipe-client" clientAuth client-pass
rm -f truststore.p12
keytool -importcert -noprompt -alias test-ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 \
    -storepass trust-pass
rm ca.key ca.srl
