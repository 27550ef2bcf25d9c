{{/* Names: RELEASE-caracal, or RELEASE when it already says caracal; 63 characters at most (DNS labels). */}}
{{- define "caracal.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "caracal.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "caracal.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one part: fullname-SUFFIX, kept within 63 characters. */}}
{{- define "caracal.part" -}}
{{- $full := include "caracal.fullname" .root }}
{{- printf "%s-%s" ($full | trunc (int (sub 62 (len .part)))) .part | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object; a component (worker, router, redis, endpoint-picker) adds its own. */}}
{{- define "caracal.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "caracal.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: caracal
{{- end }}

{{/* The labels a component's selectors match: name, instance and component, nothing that changes on upgrade. */}}
{{- define "caracal.selectorLabels" -}}
app.kubernetes.io/name: {{ include "caracal.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "caracal.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "caracal.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "caracal.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret with application.yml: the user's, or the chart's when tenants or config.application are set. */}}
{{- define "caracal.configSecretName" -}}
{{- if .Values.config.existingSecret }}
{{- .Values.config.existingSecret }}
{{- else if or .Values.tenants .Values.config.application }}
{{- include "caracal.part" (dict "root" . "part" "config") }}
{{- end }}
{{- end }}

{{/* The Redis URI the workers use, empty when the tier is off. */}}
{{- define "caracal.redisUri" -}}
{{- if .Values.redis.externalUri }}
{{- .Values.redis.externalUri }}
{{- else if .Values.redis.enabled }}
{{- printf "redis://%s:6379" (include "caracal.part" (dict "root" . "part" "redis")) }}
{{- end }}
{{- end }}

{{/* The model volume's claim: the user's, or the chart's. */}}
{{- define "caracal.modelClaimName" -}}
{{- default (include "caracal.part" (dict "root" . "part" "models")) .Values.model.volume.persistentVolumeClaim.existingClaim }}
{{- end }}

{{/* True (non-empty) when the pull's revision is a commit, so the snapshot folder is known before the pull. */}}
{{- define "caracal.revisionIsCommit" -}}
{{- if regexMatch "^[0-9a-f]{40}$" .Values.model.pull.revision }}true{{- end }}
{{- end }}

{{/* Where the worker opens the model. */}}
{{- define "caracal.modelPath" -}}
{{- if not .Values.model.pull.enabled }}
{{- printf "/models/%s" .Values.model.file }}
{{- else if include "caracal.revisionIsCommit" . }}
{{- printf "/models/hub/models--%s/snapshots/%s/%s" (.Values.model.pull.repository | replace "/" "--") .Values.model.pull.revision .Values.model.file }}
{{- else }}
{{- printf "/models/%s" (base .Values.model.file) }}
{{- end }}
{{- end }}

{{/* The volume and mount of application.yml, shared by the worker and the router. */}}
{{- define "caracal.configVolume" -}}
{{- with include "caracal.configSecretName" . -}}
- name: config
  secret:
    secretName: {{ . }}
    items:
      - key: application.yml
        path: application.yml
{{- end }}
{{- end }}

{{- define "caracal.configMount" -}}
{{- if include "caracal.configSecretName" . -}}
- name: config
  mountPath: {{ printf "%s/config" .Values.worker.workingDir }}
  readOnly: true
{{- end }}
{{- end }}

{{/* Checks of values that would otherwise render objects that cannot work. */}}
{{- define "caracal.validate" -}}
{{- if and .Values.model.pull.enabled (not .Values.model.file) }}
{{- fail "model.pull.enabled needs model.file: the file of model.pull.repository to serve (or set model.pull.enabled=false to serve the bundled demo model)" }}
{{- end }}
{{- if and .Values.model.pull.enabled (not (regexMatch "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$" .Values.model.pull.repository)) }}
{{- fail (printf "model.pull.repository must be ORG/NAME, was %q" .Values.model.pull.repository) }}
{{- end }}
{{- if not (has .Values.model.volume.type (list "emptyDir" "persistentVolumeClaim" "hostPath")) }}
{{- fail (printf "model.volume.type must be emptyDir, persistentVolumeClaim or hostPath, was %q" .Values.model.volume.type) }}
{{- end }}
{{- if not (has .Values.router.policy (list "prefix" "least-loaded" "random")) }}
{{- fail (printf "router.policy must be prefix, least-loaded or random, was %q" .Values.router.policy) }}
{{- end }}
{{- if not (has .Values.inferenceGateway.endpointPicker.failureMode (list "FailClose" "FailOpen")) }}
{{- fail (printf "inferenceGateway.endpointPicker.failureMode must be FailClose or FailOpen, was %q" .Values.inferenceGateway.endpointPicker.failureMode) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- if and .Values.router.workerApiKey.value .Values.router.workerApiKey.existingSecret }}
{{- fail "router.workerApiKey: give value or existingSecret, not both" }}
{{- end }}
{{- if and .Values.router.enabled .Values.tenants }}
{{- $routerTenant := false }}
{{- range .Values.tenants }}
{{- $roles := ternary .roles (list "user") (kindIs "slice" .roles) }}
{{- if and (has "user" $roles) (has "cluster" $roles) }}{{ $routerTenant = true }}{{ end }}
{{- end }}
{{- if not (and $routerTenant (or .Values.router.workerApiKey.value .Values.router.workerApiKey.existingSecret)) }}
{{- fail "router.enabled with tenants: give the router a tenant with roles [user, cluster] and its key as router.workerApiKey (the workers serve their cluster API to cluster keys only)" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The pod annotations of the worker and the router: the config's checksum (a new config rolls the pods) and the
     scrape annotations. */}}
{{- define "caracal.podAnnotations" -}}
{{- $annotations := dict }}
{{- if and (not .root.Values.config.existingSecret) (include "caracal.configSecretName" .root) }}
{{- $_ := set $annotations "checksum/config" (include (print .root.Template.BasePath "/config-secret.yaml") .root | sha256sum) }}
{{- end }}
{{- if .root.Values.metrics.scrapeAnnotations }}
{{- $_ := set $annotations "prometheus.io/scrape" "true" }}
{{- $_ := set $annotations "prometheus.io/path" "/actuator/prometheus" }}
{{- $_ := set $annotations "prometheus.io/port" "8000" }}
{{- end }}
{{- $annotations = merge $annotations (.extra | default dict) }}
{{- with $annotations -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* A value on the command line: a whole number without an exponent (Helm reads YAML numbers as floats, and prints
     536870912 as 5.36870912e+08); anything else as it is. */}}
{{- define "caracal.argument" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) }}{{ printf "%.0f" . }}{{ else }}{{ . }}{{ end }}
{{- end }}
