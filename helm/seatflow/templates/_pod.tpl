{{/*
Pod template shared by the four services. Args: root, key, and optionally initContainers,
volumes, volumeMounts (lists) for what only one service needs.
*/}}
{{- define "seatflow.podTemplate" -}}
{{- $v := .root.Values -}}
{{- $c := index $v .key -}}
{{- $name := include "seatflow.serviceName" .key -}}
{{- $needs := include "seatflow.needs" .key | splitList " " -}}
{{- $image := include "seatflow.image" . -}}
{{- $init := .initContainers | default list -}}
{{- $volumes := concat (list
  (dict "name" "tmp" "emptyDir" (dict "sizeLimit" $v.tmpSizeLimit))
  (dict "name" "config" "configMap" (dict "name" (printf "%s-config" (include "seatflow.componentFullname" .)))))
  (.volumes | default list) -}}
{{- $mounts := concat (list
  (dict "name" "tmp" "mountPath" "/tmp")
  (dict "name" "config" "mountPath" "/etc/seatflow/config" "readOnly" true))
  (.volumeMounts | default list) -}}
{{- if $v.kafka.caConfigMap.name -}}
{{- $volumes = append $volumes (dict "name" "kafka-ca" "configMap" (dict "name" $v.kafka.caConfigMap.name)) -}}
{{- $mounts = append $mounts (dict "name" "kafka-ca" "mountPath" "/etc/seatflow/kafka-ca" "readOnly" true) -}}
{{- end -}}
{{- if $v.extraTrustedCa.configMap -}}
{{- $volumes = append $volumes (dict "name" "extra-ca" "configMap" (dict "name" $v.extraTrustedCa.configMap "items" (list (dict "key" $v.extraTrustedCa.key "path" "ca.crt")))) -}}
{{- $volumes = append $volumes (dict "name" "truststore" "emptyDir" (dict "sizeLimit" "16Mi")) -}}
{{- $mounts = append $mounts (dict "name" "truststore" "mountPath" "/var/lib/seatflow/truststore" "readOnly" true) -}}
{{- /* The JDK's CAs plus every certificate of the ConfigMap (keytool imports one per file). */ -}}
{{- $script := `set -e
cd /var/lib/seatflow/truststore
keytool -importkeystore -noprompt -srckeystore "$JAVA_HOME/lib/security/cacerts" -srcstorepass changeit -destkeystore cacerts.p12 -deststoretype PKCS12 -deststorepass changeit
awk '/-----BEGIN CERTIFICATE-----/{n++} n{print > ("extra-" n ".pem")}' /etc/seatflow/extra-ca/ca.crt
for f in extra-*.pem; do keytool -importcert -noprompt -alias "seatflow-$f" -file "$f" -keystore cacerts.p12 -storepass changeit; done
rm -f extra-*.pem` -}}
{{- $init = prepend $init (dict "name" "truststore" "image" $image "imagePullPolicy" $v.image.pullPolicy
  "command" (list "sh" "-c" $script) "securityContext" $v.securityContext
  "resources" (dict "requests" (dict "cpu" "50m" "memory" "128Mi") "limits" (dict "cpu" "500m" "memory" "256Mi"))
  "volumeMounts" (list (dict "name" "truststore" "mountPath" "/var/lib/seatflow/truststore") (dict "name" "extra-ca" "mountPath" "/etc/seatflow/extra-ca" "readOnly" true) (dict "name" "tmp" "mountPath" "/tmp"))) -}}
{{- end -}}
{{- $pg := include "seatflow.postgres" . | fromYaml -}}
{{- if and (has "postgres" $needs) $pg.cloudSqlProxy.enabled -}}
{{- $p := $pg.cloudSqlProxy -}}
{{- $args := list (printf "--port=%d" (int $p.port)) "--structured-logs" "--health-check" "--http-address=0.0.0.0" "--http-port=9090" "--exit-zero-on-sigterm" -}}
{{- if $p.privateIp }}{{ $args = append $args "--private-ip" }}{{ end -}}
{{- if $p.autoIamAuthn }}{{ $args = append $args "--auto-iam-authn" }}{{ end -}}
{{- /* Native sidecar: starts before the service, stops after it. */ -}}
{{- $init = append $init (dict "name" "cloud-sql-proxy" "image" $p.image "restartPolicy" "Always"
  "args" (append $args $p.instanceConnectionName) "securityContext" $v.securityContext "resources" $p.resources
  "startupProbe" (dict "httpGet" (dict "path" "/startup" "port" 9090) "periodSeconds" 1 "failureThreshold" 60)
  "livenessProbe" (dict "httpGet" (dict "path" "/liveness" "port" 9090) "periodSeconds" 10)) -}}
{{- end -}}
metadata:
  labels:
    {{- include "seatflow.labels" . | nindent 4 }}
  annotations:
    checksum/config: {{ include "seatflow.configFile" . | sha256sum }}
    {{- if $v.observability.podAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $c.managementPort | quote }}
    prometheus.io/path: /prometheus
    {{- end }}
spec:
  serviceAccountName: {{ include "seatflow.serviceAccountName" .root }}
  automountServiceAccountToken: {{ $v.automountServiceAccountToken }}
  {{- with $v.imagePullSecrets }}
  imagePullSecrets: {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext: {{- toYaml $v.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds | default 30 }}
  {{- with $init }}
  initContainers: {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ $name }}
      image: {{ $image }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ $c.port }}
          protocol: TCP
        # Metrics, detailed health, /info: only the management Service and the scraper reach it.
        - name: management
          containerPort: {{ $c.managementPort }}
          protocol: TCP
      env: {{- include "seatflow.env" . | nindent 8 }}
      # JVM start takes a while on small CPU limits; liveness only counts after startup. The probes are
      # on the service's port and answer only UP or DOWN; the details are on the management port.
      startupProbe:
        httpGet: {path: /livez, port: http}
        periodSeconds: 5
        failureThreshold: 36
      livenessProbe:
        httpGet: {path: /livez, port: http}
        periodSeconds: 10
        timeoutSeconds: 3
        failureThreshold: 3
      readinessProbe:
        httpGet: {path: /readyz, port: http}
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: 3
      resources: {{- toYaml $c.resources | nindent 8 }}
      securityContext: {{- toYaml $v.securityContext | nindent 8 }}
      volumeMounts: {{- toYaml $mounts | nindent 8 }}
  volumes: {{- toYaml $volumes | nindent 4 }}
  {{- with $v.nodeSelector }}
  nodeSelector: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if $v.topologySpread }}
  topologySpreadConstraints:
    {{- range $topologyKey := list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
    - maxSkew: 1
      topologyKey: {{ $topologyKey }}
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels: {{- include "seatflow.selectorLabels" $ | nindent 10 }}
    {{- end }}
  {{- end }}
{{- end -}}
