{{- define "kvalitet.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kvalitet.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* selectorLabels: (dict "root" $ "component" "api") */}}
{{- define "kvalitet.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "kvalitet.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .component (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "kvalitet.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "kvalitet.fullname" .)) -}}
{{- end -}}

{{- define "kvalitet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "kvalitet.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/*
One secret variable from the Secret, by key. (dict "root" $ "name" "DATABASE_URL" "optional" true)
Optional keys may be absent from an existing Secret (the variable is then unset).
*/}}
{{- define "kvalitet.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "kvalitet.secretName" .root }}
      key: {{ .name }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* The secret variables every process that talks to Temporal needs. */}}
{{- define "kvalitet.temporalSecretEnv" -}}
{{ include "kvalitet.secretEnv" (dict "root" .root "name" "DATABASE_URL") }}
{{ include "kvalitet.secretEnv" (dict "root" .root "name" "TEMPORAL_PAYLOAD_KEYS") }}
{{ include "kvalitet.secretEnv" (dict "root" .root "name" "TEMPORAL_PAYLOAD_KEY_ID" "optional" true) }}
{{ include "kvalitet.secretEnv" (dict "root" .root "name" "TEMPORAL_API_KEY" "optional" true) }}
{{- end -}}

{{/* envFrom, the organisation file and the config checksum, shared by every pod. */}}
{{- define "kvalitet.envFrom" -}}
envFrom:
  - configMapRef:
      name: {{ include "kvalitet.fullname" . }}-config
{{- end -}}

{{- define "kvalitet.organisationEnv" -}}
- name: ORGANISATION_FILE
  value: /etc/kvalitet/organisation/organisation.json
{{- end -}}

{{- define "kvalitet.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
  {{- if .Values.tlsFiles.secretName }}
  - name: tls-files
    mountPath: /etc/kvalitet/tls
    readOnly: true
  {{- end }}
  {{- if .Values.organisation }}
  - name: organisation
    mountPath: /etc/kvalitet/organisation
    readOnly: true
  {{- end }}
{{- end -}}

{{- define "kvalitet.volumes" -}}
volumes:
  - name: tmp
    emptyDir: {}
  {{- if .Values.tlsFiles.secretName }}
  - name: tls-files
    secret:
      secretName: {{ .Values.tlsFiles.secretName }}
  {{- end }}
  {{- if .Values.organisation }}
  - name: organisation
    configMap:
      name: {{ include "kvalitet.fullname" . }}-organisation
      items:
        - key: organisation.json
          path: organisation.json
  {{- end }}
{{- end -}}

{{/* Pod-level settings shared by every pod: service account, pull secrets, security context. */}}
{{- define "kvalitet.podSpecCommon" -}}
serviceAccountName: {{ include "kvalitet.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{- define "kvalitet.configChecksum" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}
