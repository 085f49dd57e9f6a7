{{/*
Names. Truncated so that "<fullname>-<service>" stays a valid StatefulSet name (<= 52 chars).
*/}}
{{- define "seatflow.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 36 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 36 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Values key -> service (artifact, image) name. */}}
{{- define "seatflow.serviceName" -}}
{{- get (dict "apiGateway" "api-gateway" "seatProcessor" "seat-processor" "auditSink" "audit-sink" "expiryWarner" "expiry-warner") . -}}
{{- end -}}

{{/* What each service talks to (ARCHITECTURE.md): decides which env it gets. */}}
{{- define "seatflow.needs" -}}
{{- get (dict "apiGateway" "kafka redis postgres" "seatProcessor" "kafka redis" "auditSink" "kafka postgres" "expiryWarner" "kafka postgres") . -}}
{{- end -}}

{{/* Args: root, key. */}}
{{- define "seatflow.componentFullname" -}}
{{- printf "%s-%s" (include "seatflow.fullname" .root) (include "seatflow.serviceName" .key) -}}
{{- end -}}

{{- define "seatflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/part-of: seatflow
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "seatflow.selectorLabels" . }}
{{- end -}}

{{- define "seatflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "seatflow.serviceName" .key }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "seatflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "seatflow.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image Jib builds: <prefix><service>:<project version>. Args: root, key. */}}
{{- define "seatflow.image" -}}
{{- printf "%s%s:%s" .root.Values.image.prefix (include "seatflow.serviceName" .key) (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* The postgres block with the service's overrides applied. Args: root, key. Returns YAML. */}}
{{- define "seatflow.postgres" -}}
{{- $c := index .root.Values .key -}}
{{- toYaml (mustMergeOverwrite (deepCopy .root.Values.postgres) (deepCopy ($c.postgres | default dict))) -}}
{{- end -}}

{{- define "seatflow.secretEnv" -}}
{{- dict "name" .name "valueFrom" (dict "secretKeyRef" (dict "name" .secret.name "key" .secret.key)) | toYaml -}}
{{- end -}}

{{/*
Environment of a service. Scalar settings are env vars (Spring's relaxed names, visible in
kubectl describe); secrets come from secretKeyRef; map-valued settings live in the mounted file.
Args: root, key.
*/}}
{{- define "seatflow.env" -}}
{{- $v := .root.Values -}}
{{- $c := index $v .key -}}
{{- $needs := include "seatflow.needs" .key | splitList " " -}}
{{- $env := list
  (dict "name" "POD_NAME" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.name")))
  (dict "name" "POD_NAMESPACE" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.namespace")))
  (dict "name" "SERVER_PORT" "value" (toString $c.port))
  (dict "name" "MANAGEMENT_SERVER_PORT" "value" (toString $c.managementPort))
  (dict "name" "SPRING_CONFIG_ADDITIONAL_LOCATION" "value" "file:/etc/seatflow/config/seatflow.yml")
  (dict "name" "LOGGING_STRUCTURED_FORMAT_CONSOLE" "value" $v.observability.logFormat)
  (dict "name" "OTEL_RESOURCE_ATTRIBUTES" "value" "k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)") -}}
{{- if $v.observability.otlpTracesEndpoint -}}
{{- $env = append $env (dict "name" "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT" "value" $v.observability.otlpTracesEndpoint) -}}
{{- $env = append $env (dict "name" "MANAGEMENT_TRACING_SAMPLING_PROBABILITY" "value" (toString $v.observability.samplingProbability)) -}}
{{- else -}}
{{- $env = append $env (dict "name" "MANAGEMENT_TRACING_EXPORT_ENABLED" "value" "false") -}}
{{- end -}}
{{- $jvm := $c.jvmOptions | default "" -}}
{{- if $v.extraTrustedCa.configMap -}}
{{- $jvm = printf "%s -Djavax.net.ssl.trustStore=/var/lib/seatflow/truststore/cacerts.p12 -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12" $jvm | trim -}}
{{- end -}}
{{- if $jvm -}}
{{- $env = append $env (dict "name" "JDK_JAVA_OPTIONS" "value" $jvm) -}}
{{- end -}}
{{- /* Kafka */ -}}
{{- $k := $v.kafka -}}
{{- $env = append $env (dict "name" "SEATFLOW_KAFKA_BOOTSTRAPSERVERS" "value" $k.bootstrapServers) -}}
{{- with $k.topicPrefix }}{{ $env = append $env (dict "name" "SEATFLOW_KAFKA_TOPICPREFIX" "value" .) }}{{ end -}}
{{- with $k.schemaRegistryUrl }}{{ $env = append $env (dict "name" "SEATFLOW_KAFKA_SCHEMAREGISTRYURL" "value" .) }}{{ end -}}
{{- $env = append $env (dict "name" "SEATFLOW_KAFKA_TOPICS_PROVISION" "value" (toString $k.topics.provision)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_KAFKA_TOPICS_PARTITIONS" "value" (toString $k.topics.partitions)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_KAFKA_TOPICS_REPLYPARTITIONS" "value" (toString $k.topics.replyPartitions)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_KAFKA_TOPICS_REPLICATIONFACTOR" "value" (toString $k.topics.replicationFactor)) -}}
{{- if $k.sasl.jaasConfigSecret.name -}}
{{- $env = append $env (include "seatflow.secretEnv" (dict "name" "KAFKA_SASL_JAAS_CONFIG" "secret" $k.sasl.jaasConfigSecret) | fromYaml) -}}
{{- end -}}
{{- /* Redis */ -}}
{{- if has "redis" $needs -}}
{{- $r := $v.redis -}}
{{- if $r.uriSecret.name -}}
{{- $env = append $env (include "seatflow.secretEnv" (dict "name" "SEATFLOW_REDIS_URI" "secret" $r.uriSecret) | fromYaml) -}}
{{- else if $r.authSecret.name -}}
{{- /* Kubernetes expands $(REDIS_AUTH) from the env var defined just before. */ -}}
{{- $scheme := regexFind "^rediss?://" $r.uri -}}
{{- $env = append $env (include "seatflow.secretEnv" (dict "name" "REDIS_AUTH" "secret" $r.authSecret) | fromYaml) -}}
{{- $env = append $env (dict "name" "SEATFLOW_REDIS_URI" "value" (printf "%s:$(REDIS_AUTH)@%s" $scheme (trimPrefix $scheme $r.uri))) -}}
{{- else -}}
{{- $env = append $env (dict "name" "SEATFLOW_REDIS_URI" "value" $r.uri) -}}
{{- end -}}
{{- with $r.keyPrefix }}{{ $env = append $env (dict "name" "SEATFLOW_REDIS_KEYPREFIX" "value" .) }}{{ end -}}
{{- if $r.cluster }}{{ $env = append $env (dict "name" "SEATFLOW_REDIS_CLUSTER" "value" "true") }}{{ end -}}
{{- end -}}
{{- /* Postgres */ -}}
{{- if has "postgres" $needs -}}
{{- $pg := include "seatflow.postgres" . | fromYaml -}}
{{- $proxy := $pg.cloudSqlProxy.enabled -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_HOST" "value" (ternary "127.0.0.1" $pg.host $proxy)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_PORT" "value" (toString (ternary $pg.cloudSqlProxy.port $pg.port $proxy))) -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_DATABASE" "value" $pg.database) -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_USERNAME" "value" $pg.username) -}}
{{- if $pg.passwordSecret.name -}}
{{- $env = append $env (include "seatflow.secretEnv" (dict "name" "SEATFLOW_POSTGRES_PASSWORD" "secret" $pg.passwordSecret) | fromYaml) -}}
{{- end -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_SCHEMA" "value" $pg.schema) -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_SSLMODE" "value" (ternary "disable" $pg.sslMode $proxy)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_POOLSIZE" "value" (toString $pg.poolSize)) -}}
{{- end -}}
{{- /* Per service */ -}}
{{- if eq .key "apiGateway" -}}
{{- /* Reply partition = StatefulSet ordinal (label set by Kubernetes >= 1.28); empty fails startup. */ -}}
{{- $env = append $env (dict "name" "SEATFLOW_GATEWAY_REPLYPARTITIONS" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.labels['apps.kubernetes.io/pod-index']"))) -}}
{{- $env = append $env (dict "name" "SEATFLOW_GATEWAY_AUTH_PROJECTID" "value" $v.firebase.projectId) -}}
{{- $env = append $env (dict "name" "SEATFLOW_GATEWAY_SIGNING_PROVIDER" "value" $c.signing.provider) -}}
{{- with $c.clientAddress -}}
{{- if .trustedProxies }}{{ $env = append $env (dict "name" "SEATFLOW_GATEWAY_CLIENTADDRESS_TRUSTEDPROXIES" "value" (join "," .trustedProxies)) }}{{ end -}}
{{- if .trustedHops }}{{ $env = append $env (dict "name" "SEATFLOW_GATEWAY_CLIENTADDRESS_TRUSTEDHOPS" "value" (toString .trustedHops)) }}{{ end -}}
{{- end -}}
{{- if eq $c.signing.provider "kms" -}}
{{- $env = append $env (dict "name" "SEATFLOW_GATEWAY_SIGNING_KMSKEYVERSIONS" "value" (join "," $c.signing.kmsKeyVersions)) -}}
{{- else -}}
{{- $env = append $env (dict "name" "SEATFLOW_GATEWAY_SIGNING_LOCALKEYDIR" "value" "/var/lib/seatflow/signing") -}}
{{- end -}}
{{- else if eq .key "seatProcessor" -}}
{{- $env = append $env (dict "name" "SEATFLOW_PROCESSOR_STATEDIR" "value" "/var/lib/seatflow/streams") -}}
{{- $env = append $env (dict "name" "SEATFLOW_PROCESSOR_STANDBYREPLICAS" "value" (toString $c.standbyReplicas)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_PROCESSOR_STREAMTHREADS" "value" (toString $c.streamThreads)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_PROCESSOR_REPLICATIONFACTOR" "value" (toString $c.replicationFactor)) -}}
{{- else if eq .key "auditSink" -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_MIGRATE" "value" (toString $c.migrate)) -}}
{{- else if eq .key "expiryWarner" -}}
{{- $env = append $env (dict "name" "SEATFLOW_POSTGRES_MIGRATE" "value" (toString $c.migrate)) -}}
{{- $env = append $env (dict "name" "SEATFLOW_EXPIRY_FCM_ENABLED" "value" (toString $c.fcm)) -}}
{{- if $c.fcm }}{{ $env = append $env (dict "name" "SEATFLOW_EXPIRY_FCM_PROJECTID" "value" $v.firebase.projectId) }}{{ end -}}
{{- with $c.mail -}}
{{- if .host -}}
{{- $env = append $env (dict "name" "SPRING_MAIL_HOST" "value" .host) -}}
{{- $env = append $env (dict "name" "SPRING_MAIL_PORT" "value" (toString .port)) -}}
{{- with .username }}{{ $env = append $env (dict "name" "SPRING_MAIL_USERNAME" "value" .) }}{{ end -}}
{{- if .passwordSecret.name }}{{ $env = append $env (include "seatflow.secretEnv" (dict "name" "SPRING_MAIL_PASSWORD" "secret" .passwordSecret) | fromYaml) }}{{ end -}}
{{- with .from }}{{ $env = append $env (dict "name" "SEATFLOW_EXPIRY_EMAIL_FROM" "value" .) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $name, $value := $c.env -}}
{{- $env = append $env (dict "name" $name "value" (toString $value)) -}}
{{- end -}}
{{- $env = concat $env ($v.extraEnv | default list) ($c.extraEnv | default list) -}}
{{- toYaml $env -}}
{{- end -}}

{{/*
The mounted config file: settings Spring cannot take from env vars (maps whose keys hold dots,
e.g. seatflow.kafka.client.*). Bracketed keys keep the dots. Args: root, key.
*/}}
{{- define "seatflow.configFile" -}}
{{- $v := .root.Values -}}
{{- $c := index $v .key -}}
{{- $k := $v.kafka -}}
{{- $client := dict "[security.protocol]" $k.securityProtocol -}}
{{- with $k.sasl.mechanism }}{{ $_ := set $client "[sasl.mechanism]" . }}{{ end -}}
{{- if $k.sasl.jaasConfigSecret.name }}{{ $_ := set $client "[sasl.jaas.config]" "${KAFKA_SASL_JAAS_CONFIG}" }}{{ end -}}
{{- if $k.caConfigMap.name -}}
{{- $_ := set $client "[ssl.truststore.type]" "PEM" -}}
{{- $_ := set $client "[ssl.truststore.location]" (printf "/etc/seatflow/kafka-ca/%s" $k.caConfigMap.key) -}}
{{- end -}}
{{- range $name, $value := $k.client }}{{ $_ := set $client (printf "[%s]" $name) (toString $value) }}{{ end -}}
{{- $registry := dict -}}
{{- range $name, $value := $k.registry }}{{ $_ := set $registry (printf "[%s]" $name) (toString $value) }}{{ end -}}
{{- $kafka := dict "client" $client -}}
{{- /* Never an empty map: Spring reads "registry: {}" as an empty string. */ -}}
{{- if $registry }}{{ $_ := set $kafka "registry" $registry }}{{ end -}}
{{- $file := dict
  "seatflow" (dict "kafka" $kafka)
  "management" (dict "metrics" (dict "distribution" (dict "percentiles-histogram" (dict "[http.server.requests]" true)))) -}}
{{- if and (eq .key "expiryWarner") $c.mail.host -}}
{{- $_ := set $file "spring" (dict "mail" (dict "properties" (dict "[mail.smtp.starttls.enable]" "true"))) -}}
{{- end -}}
{{- $file = mustMergeOverwrite $file (deepCopy $v.config) (deepCopy $c.config) -}}
{{- toYaml $file -}}
{{- end -}}

{{/* Checks that make a wrong setup fail at render time instead of at runtime. */}}
{{- define "seatflow.validate" -}}
{{- $v := .Values -}}
{{- $gw := $v.apiGateway -}}
{{- $parts := int $v.kafka.topics.replyPartitions -}}
{{- $maxGateways := ternary (int $gw.autoscaling.maxReplicas) (int $gw.replicas) $gw.autoscaling.enabled -}}
{{- if and $gw.enabled (gt $maxGateways $parts) -}}
{{- fail (printf "apiGateway: up to %d replicas but kafka.topics.replyPartitions is %d; every gateway replica reads its own reply partition (ordinal n -> partition n)" $maxGateways $parts) -}}
{{- end -}}
{{- if and $gw.enabled $gw.autoscaling.enabled (gt (int $gw.autoscaling.minReplicas) (int $gw.autoscaling.maxReplicas)) -}}
{{- fail "apiGateway.autoscaling.minReplicas exceeds maxReplicas" -}}
{{- end -}}
{{- if and $gw.enabled (eq $gw.signing.provider "kms") (empty $gw.signing.kmsKeyVersions) -}}
{{- fail "apiGateway.signing.provider=kms needs apiGateway.signing.kmsKeyVersions" -}}
{{- end -}}
{{- if and $gw.enabled (eq $gw.signing.provider "local") (not $gw.signing.localKeysSecret) (gt $maxGateways 1) -}}
{{- fail "apiGateway.signing.provider=local with several replicas needs apiGateway.signing.localKeysSecret (else each replica signs with its own key)" -}}
{{- end -}}
{{- if not (has $gw.signing.provider (list "local" "kms")) -}}
{{- fail "apiGateway.signing.provider must be local or kms" -}}
{{- end -}}
{{- if and $gw.enabled (not $v.firebase.projectId) -}}
{{- fail "firebase.projectId is required: the Firebase project whose ID tokens the gateway accepts" -}}
{{- end -}}
{{- if not $v.kafka.bootstrapServers -}}
{{- fail "kafka.bootstrapServers is required" -}}
{{- end -}}
{{- if and (or $gw.enabled $v.seatProcessor.enabled) (not $v.redis.uriSecret.name) (not (regexMatch "^rediss?://.+" $v.redis.uri)) -}}
{{- fail "redis: set redis.uriSecret or a redis:// / rediss:// redis.uri" -}}
{{- end -}}
{{- if and $v.postgres.cloudSqlProxy.enabled (not $v.postgres.cloudSqlProxy.instanceConnectionName) -}}
{{- fail "postgres.cloudSqlProxy.instanceConnectionName is required when the proxy is enabled" -}}
{{- end -}}
{{- end -}}
