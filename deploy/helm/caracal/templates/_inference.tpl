{{- define "caracal.poolName" -}}
{{- default (include "caracal.fullname" .) .Values.inferenceGateway.pool.name }}
{{- end }}

{{- define "caracal.eppName" -}}
{{- include "caracal.part" (dict "root" . "part" "epp") }}
{{- end }}
